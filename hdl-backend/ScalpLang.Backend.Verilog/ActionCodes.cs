using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Syntax;

namespace ScalpLang.Backend.Verilog;

/// <summary>
/// The module's <c>out_action</c> encoding: 0 is "no decision" and the rest are the ABI's
/// ActionKind plus one (Buy 0 -> 1 ... Kill 5 -> 6), so a host converts with one subtraction.
/// </summary>
public static class ActionCodes
{
    public const int None = 0;
    public const int Buy = 1;
    public const int Sell = 2;
    public const int Wait = 3;
    public const int CancelAll = 4;
    public const int Flatten = 5;
    public const int Kill = 6;

    /// <summary><c>out_decision</c> when no decision acted.</summary>
    public const int NoDecision = 0xFFFF;

    public static int Of(IrAction action) => action switch
    {
        IrTrade { Side: OrderSide.Buy } => Buy,
        IrTrade => Sell,
        IrWait => Wait,
        IrCancelAll => CancelAll,
        IrFlatten => Flatten,
        _ => Kill,
    };

    public static string Name(int code) => code switch
    {
        None => "none",
        Buy => "buy",
        Sell => "sell",
        Wait => "wait",
        CancelAll => "cancel_all",
        Flatten => "flatten",
        Kill => "kill",
        _ => $"action{code}",
    };
}
