public static Ratio skew(Lots bid, Lots ask) => (bid - ask) / (bid + ask);
