using System.Net;
using System.Net.Sockets;

namespace OrleansDistribution.Hosting.Cluster;

/// <summary>What a TCP connect to a silo port answered.</summary>
public enum SiloPortAnswer
{
    /// <summary>Something listens there.</summary>
    Accepted,

    /// <summary>The host answered that nothing listens there (a TCP reset).</summary>
    Refused,

    /// <summary>No answer in time, or the host or network is unreachable: proves nothing about the silo.</summary>
    NoAnswer,
}

/// <summary>One TCP connect to a silo port, closed again at once.</summary>
public static class SiloPortCheck
{
    /// <summary>Connects to <paramref name="endpoint"/> and says how the host answered.</summary>
    public static async Task<SiloPortAnswer> CheckAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = true;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, deadline.Token);
            return SiloPortAnswer.Accepted;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return SiloPortAnswer.Refused;
        }
        catch (SocketException)
        {
            return SiloPortAnswer.NoAnswer;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SiloPortAnswer.NoAnswer;
        }
    }
}
