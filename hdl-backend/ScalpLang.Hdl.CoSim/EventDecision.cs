using System.Globalization;
using ScalpLang.Backend.Verilog;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// One event's decision as the module reports it (hdl-backend/README.md): the action code
/// (<see cref="ActionCodes"/>), the decision index, raw price, quantity and stand-aside, whether
/// the order is at market, and whether a kill decision has acted so far (the latched flag).
/// </summary>
public readonly record struct EventDecision(int Action, int Decision, long Price, long Quantity, bool Market, long StandAside, bool Kill)
{
    public static EventDecision None(bool kill) => new(ActionCodes.None, ActionCodes.NoDecision, 0, 0, false, 0, kill);

    /// <summary>Parses a testbench line: <c>event action decision price quantity market stand_aside kill</c>.</summary>
    public static bool TryParse(string line, out long index, out EventDecision decision)
    {
        decision = default;
        index = -1;
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 8)
            return false;
        long L(int i) => long.Parse(f[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        index = L(0);
        decision = new EventDecision((int)L(1), (int)L(2), L(3), L(4), L(5) != 0, L(6), L(7) != 0);
        return true;
    }

    public override string ToString()
    {
        var text = ActionCodes.Name(Action);
        if (Action != ActionCodes.None)
            text += string.Create(CultureInfo.InvariantCulture, $" (decision {Decision})");
        if (Action is ActionCodes.Buy or ActionCodes.Sell)
            text += string.Create(CultureInfo.InvariantCulture, $" qty {Quantity} at {(Market ? "market" : Price.ToString(CultureInfo.InvariantCulture))}");
        if (StandAside != 0)
            text += string.Create(CultureInfo.InvariantCulture, $" then wait {StandAside}ns");
        return Kill ? text + ", kill engaged" : text;
    }
}
