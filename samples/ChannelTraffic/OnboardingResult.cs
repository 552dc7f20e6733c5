namespace ChannelTraffic;

public sealed record OnboardingResult(string PartnerKey, TimeSpan Elapsed);
