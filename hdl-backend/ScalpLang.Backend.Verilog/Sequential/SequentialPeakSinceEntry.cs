namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// A peak since entry (trailing stops) as a sequential-core routine, updated at every evaluation as
/// the IL's PeakSinceEntry.Update(value, position) is: flat, the peak is 0; in position it is the
/// value at the first evaluation of the position's side and the highest value since; a change of
/// the position's sign (a flip, even without a flat evaluation between) restarts it. The state is
/// the side of the last evaluation (-1, 0, 1) and the peak: "active" in the IL is that side not 0.
/// </summary>
internal sealed class SequentialPeakSinceEntry
{
    private readonly MicroAssembler _asm;
    private readonly int _side;
    private readonly int _peak;

    public SequentialPeakSinceEntry(MicroAssembler asm)
    {
        _asm = asm;
        (_side, _peak) = (asm.Register(), asm.Register());
    }

    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        _asm.Add(_side, zero, zero);
        _asm.Add(_peak, zero, zero);
    }

    /// <summary>Takes this evaluation's value into the peak (the position in lots, signed); returns the peak's register.</summary>
    public int EmitUpdate(int position, int value)
    {
        var asm = _asm;
        int zero = asm.Constant(0), one = asm.Constant(1);
        int side = asm.Register(), t = asm.Register(), continues = asm.Register();
        // The side now: sign(position).
        asm.Op(new(MicroOp.LessSigned, side, zero, position));
        asm.Op(new(MicroOp.LessSigned, t, position, zero));
        asm.Sub(side, side, t);
        // The peak continues when the last evaluation was in position on this same side and it is above the value.
        asm.Op(new(MicroOp.Equal, continues, _side, side));
        asm.Op(new(MicroOp.Equal, t, _side, zero));
        asm.Op(new(MicroOp.Xor, t, t, one));
        asm.Op(new(MicroOp.And, continues, continues, t));
        asm.Op(new(MicroOp.LessSigned, t, value, _peak));
        asm.Op(new(MicroOp.And, continues, continues, t));
        asm.Op(new(MicroOp.Equal, t, continues, one));
        asm.Select(_peak, _peak, value);
        asm.Op(new(MicroOp.Equal, t, side, zero));
        asm.Select(_peak, zero, _peak);
        asm.Add(_side, side, zero);
        return _peak;
    }
}
