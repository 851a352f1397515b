public static Ratio skew(Lots bid, Lots ask) => (bid - ask) / (bid + ask);
public static bool slow(Duration held, Duration limit) => held > limit;
