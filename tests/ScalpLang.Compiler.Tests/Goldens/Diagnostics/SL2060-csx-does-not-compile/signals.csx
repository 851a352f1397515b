// A typo in the body: the import site reports the C# error with its own line and column.
public static Ratio skew(Lots bid, Lots ask)
{
    return (bid - ask) / totl;
}
