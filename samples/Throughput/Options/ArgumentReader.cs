namespace Throughput.Options;

/// <summary>Walks <c>--name value</c> and <c>--name=value</c> pairs.</summary>
internal sealed class ArgumentReader(IReadOnlyList<string> args)
{
    private readonly IReadOnlyList<string> _args = args;
    private int _index = -1;
    private string? _name;
    private string? _inlineValue;

    /// <summary>The next option name, or null at the end.</summary>
    public string? Next()
    {
        if (++_index >= _args.Count)
        {
            return null;
        }

        var arg = _args[_index];
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            throw new OptionsException($"unexpected argument '{arg}'");
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        _name = equals > 0 ? arg[..equals] : arg;
        _inlineValue = equals > 0 ? arg[(equals + 1)..] : null;
        return _name;
    }

    /// <summary>The current option's value (inline or the next argument).</summary>
    public string Value()
    {
        if (_inlineValue is not null)
        {
            return _inlineValue;
        }

        if (_index + 1 >= _args.Count || _args[_index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new OptionsException($"{_name} needs a value");
        }

        return _args[++_index];
    }
}
