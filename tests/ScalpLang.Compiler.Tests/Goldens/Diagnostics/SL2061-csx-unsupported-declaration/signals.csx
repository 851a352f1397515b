int calls = 0;
Console.WriteLine("top-level statements never run in an import");
public Ratio not_static(Ratio x) => x;
public static double floating(Lots bid) => 1.5;
public static T generic<T>(T x) => x;
private static double helper(double x) => x * 2;   // private: a helper, not exported, any types
public static Ratio fine(Ratio x) => x;
