namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// Wide integers as sequential-core code, for the sample windows' exact sums (the runtime's Int128
/// and UInt192, WideMath.cs): a number is two or three registers, the low word first in the
/// arguments' order given. Carries and borrows come from unsigned comparisons of the words. Its
/// temporaries are its own, allocated once: one instance serves every window (the routines run one
/// after another), so the register file keeps its room for state.
/// </summary>
internal sealed class SequentialWide
{
    private readonly MicroAssembler _asm;
    private readonly int _t0, _t1, _t2;

    public SequentialWide(MicroAssembler asm)
    {
        _asm = asm;
        (_t0, _t1, _t2) = (_asm.Register(), _asm.Register(), _asm.Register());
    }

    private int Zero => _asm.Constant(0);

    /// <summary>(high, low) += v sign-extended (128 bits).</summary>
    public void AddSigned(int high, int low, int v)
    {
        int sum = _t0, carry = _t1;
        _asm.Add(sum, low, v);
        _asm.Op(new(MicroOp.LessUnsigned, carry, sum, v));
        _asm.Add(low, sum, Zero);
        _asm.Add(high, high, carry);
        _asm.Shift(MicroOp.ShiftRightSigned, carry, v, 63);
        _asm.Add(high, high, carry);
    }

    /// <summary>(high, low) -= v sign-extended (128 bits).</summary>
    public void SubtractSigned(int high, int low, int v)
    {
        var borrow = _t0;
        _asm.Op(new(MicroOp.LessUnsigned, borrow, low, v));
        _asm.Sub(low, low, v);
        _asm.Sub(high, high, borrow);
        _asm.Shift(MicroOp.ShiftRightSigned, borrow, v, 63);
        _asm.Sub(high, high, borrow);
    }

    /// <summary>(high, low) = x * x exactly (below 2^126 + 1), on the unit: |x| squared unsigned.</summary>
    public void Square(int high, int low, int x)
    {
        var magnitude = _t2;
        _asm.Op(new(MicroOp.LessSigned, magnitude, x, Zero));
        _asm.Sub(magnitude, Zero, x);
        _asm.Select(magnitude, magnitude, x);
        Product(high, low, magnitude, magnitude);
    }

    /// <summary>(high, low) = a * b unsigned, 128 bits: the unit's low word and its two carry-save words' sum.</summary>
    public void Product(int high, int low, int a, int b)
    {
        var carries = _t0;
        _asm.Op(new(MicroOp.MultiplyStart, 0, a, b));
        _asm.Op(new(MicroOp.Take, low, 0, 0));
        _asm.Op(new(MicroOp.Take, high, 0, 1));
        _asm.Op(new(MicroOp.Take, carries, 0, 2));
        _asm.Add(high, high, carries);
    }

    /// <summary>a += b, 192 bits unsigned (mod 2^192): a = (a2, a1, a0), b = (b2, b1, b0).</summary>
    public void Add(int a2, int a1, int a0, int b2, int b1, int b0)
    {
        int carry = _t0, again = _t1;
        _asm.Add(a0, a0, b0);
        _asm.Op(new(MicroOp.LessUnsigned, carry, a0, b0));
        _asm.Add(a1, a1, b1);
        _asm.Op(new(MicroOp.LessUnsigned, again, a1, b1));
        _asm.Add(a1, a1, carry);
        _asm.Op(new(MicroOp.LessUnsigned, carry, a1, carry));
        _asm.Add(a2, a2, b2);
        _asm.Add(a2, a2, again);
        _asm.Add(a2, a2, carry);
    }

    /// <summary>a -= b, 192 bits unsigned (mod 2^192).</summary>
    public void Subtract(int a2, int a1, int a0, int b2, int b1, int b0)
    {
        int borrow = _t0, again = _t1, under = _t2;
        _asm.Op(new(MicroOp.LessUnsigned, borrow, a0, b0));
        _asm.Sub(a0, a0, b0);
        _asm.Op(new(MicroOp.LessUnsigned, again, a1, b1));
        _asm.Sub(a1, a1, b1);
        _asm.Op(new(MicroOp.LessUnsigned, under, a1, borrow));
        _asm.Sub(a1, a1, borrow);
        _asm.Sub(a2, a2, b2);
        _asm.Sub(a2, a2, again);
        _asm.Sub(a2, a2, under);
    }
}
