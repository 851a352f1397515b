using System.Buffers.Text;
using System.Globalization;
using ScalpLang.Backend.Verilog;
using ScalpLang.Runtime.Abi;

namespace ScalpLang.Hdl.CoSim;

/// <summary>
/// One evaluation's decision as the module reports it (hdl-backend/README.md): the action code
/// (<see cref="ActionCodes"/>), the decision index, raw price, quantity and stand-aside, whether
/// the order is at market, whether a kill decision has acted so far (the latched flag), and the
/// parent order's execution: algorithm (0 none, 1 twap, 2 vwap, 3 iceberg), its duration (ns) and
/// its slices (a Q47.16 count, or an iceberg's shown Q47.16 lots).
/// </summary>
public readonly record struct EventDecision(int Action, int Decision, long Price, long Quantity, bool Market, long StandAside, bool Kill,
    int Algo = 0, long SliceOver = 0, long Slices = 0)
{
    public static EventDecision None(bool kill) => new(ActionCodes.None, ActionCodes.NoDecision, 0, 0, false, 0, kill);

    /// <summary>Action code of a line with an unknown field (x or z: the module output an undefined value); never equal to a real decision.</summary>
    public const int UnknownAction = -1;

    /// <summary>A decision line whose fields are not all numbers (an x or z from the simulator): a mismatch, never a crash.</summary>
    public static EventDecision Unknown => new(UnknownAction, ActionCodes.NoDecision, 0, 0, false, 0, false);

    /// <summary>A strategy action as the module encodes it (the ABI's ActionKind + 1; no limit price for a market order).</summary>
    public static EventDecision Of(in StrategyAction a, bool kill) =>
        new((int)a.Kind + 1, a.Decision, a.IsMarket ? 0 : a.LimitPrice, a.Quantity, a.IsMarket, a.StandAside, kill,
            (int)a.Slicer, a.SliceOver, a.Slices);

    /// <summary>Parses a testbench line: <c>event action decision price quantity market stand_aside kill algo slice_over slices</c>.</summary>
    public static bool TryParse(string line, out long index, out EventDecision decision)
    {
        decision = default;
        index = -1;
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 11)
            return false;
        var v = new long[f.Length];
        for (var i = 0; i < f.Length; i++)
        {
            if (!long.TryParse(f[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v[i]))
            {
                if (i == 0)
                    return false;
                index = v[0];
                decision = Unknown;
                return true;
            }
        }
        index = v[0];
        decision = new EventDecision((int)v[1], (int)v[2], v[3], v[4], v[5] != 0, v[6], v[7] != 0, (int)v[8], v[9], v[10]);
        return true;
    }

    /// <summary>
    /// The same parse over one UTF-8 line without allocating (the streaming comparison reads a
    /// million of them): 11 space-separated decimal fields.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out long index, out EventDecision decision)
    {
        decision = default;
        index = -1;
        Span<long> f = stackalloc long[11];
        var count = 0;
        var unknown = false;
        while (true)
        {
            while (!line.IsEmpty && line[0] == (byte)' ')
                line = line[1..];
            if (line.IsEmpty)
                break;
            if (count == f.Length)
                return false;
            if (!Utf8Parser.TryParse(line, out long value, out var used) || (used < line.Length && line[used] != (byte)' '))
            {
                // An x or z field (the event index is a testbench counter, always a number).
                if (count == 0)
                    return false;
                unknown = true;
                used = line.IndexOf((byte)' ') is var space and >= 0 ? space : line.Length;
            }
            f[count++] = value;
            line = line[used..];
        }
        if (count != f.Length)
            return false;
        index = f[0];
        if (unknown)
        {
            decision = Unknown;
            return true;
        }
        decision = new EventDecision((int)f[1], (int)f[2], f[3], f[4], f[5] != 0, f[6], f[7] != 0, (int)f[8], f[9], f[10]);
        return true;
    }

    public override string ToString()
    {
        if (Action == UnknownAction)
            return "an unknown value (x or z) in the module's output";
        var text = ActionCodes.Name(Action);
        if (Action != ActionCodes.None)
            text += string.Create(CultureInfo.InvariantCulture, $" (decision {Decision})");
        if (Action is ActionCodes.Buy or ActionCodes.Sell)
            text += string.Create(CultureInfo.InvariantCulture, $" qty {Quantity} at {(Market ? "market" : Price.ToString(CultureInfo.InvariantCulture))}");
        if (Algo != 0)
            text += string.Create(CultureInfo.InvariantCulture, $" via {(Algo == 3 ? "iceberg" : Algo == 2 ? "vwap" : "twap")} over {SliceOver}ns slices {Slices}");
        if (StandAside != 0)
            text += string.Create(CultureInfo.InvariantCulture, $" then wait {StandAside}ns");
        return Kill ? text + ", kill engaged" : text;
    }
}
