namespace ChannelTraffic;

public static class OrderStatuses
{
    public const string Accepted = "Accepted";

    public const string OnHold = "OnHold";
}
