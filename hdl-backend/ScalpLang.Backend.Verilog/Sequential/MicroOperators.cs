using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The IR's operators (<see cref="IrOp"/>) as sequential-core code, with the language's numeric
/// semantics (grammar/README.md §6): sums wrap at 64 bits, a product is the exact 128-bit product
/// shifted right by 16 (toward minus infinity), low 64 bits; a quotient is (a &lt;&lt; 16) / b in
/// 128 bits truncated toward zero, low 64 bits, and 0 when b = 0. Booleans are 0 and 1.
/// Products and quotients go to the core's multiply/divide unit (MicroOp.MultiplyStart and the
/// divisions; hdl-backend/README.md, "The sequential core"); the signs are handled here.
/// </summary>
internal sealed class MicroOperators(MicroAssembler asm)
{
    private int Zero => asm.Constant(0);
    private int One => asm.Constant(1);

    /// <summary>R[d] = op(args). A product or a quotient uses the operators' four shared temporaries besides.</summary>
    public void Emit(IrOp op, int d, IReadOnlyList<int> args)
    {
        int A() => args[0];
        int B() => args[1];
        switch (op)
        {
            case IrOp.Add: asm.Add(d, A(), B()); break;
            case IrOp.Subtract: asm.Sub(d, A(), B()); break;
            case IrOp.Negate: asm.Sub(d, Zero, A()); break;
            case IrOp.Less: asm.Op(new(MicroOp.LessSigned, d, A(), B())); break;
            case IrOp.Greater: asm.Op(new(MicroOp.LessSigned, d, B(), A())); break;
            case IrOp.LessOrEqual: Negated(MicroOp.LessSigned, d, B(), A()); break;
            case IrOp.GreaterOrEqual: Negated(MicroOp.LessSigned, d, A(), B()); break;
            case IrOp.Equal: asm.Op(new(MicroOp.Equal, d, A(), B())); break;
            case IrOp.NotEqual: Negated(MicroOp.Equal, d, A(), B()); break;
            case IrOp.And: asm.Op(new(MicroOp.And, d, A(), B())); break;
            case IrOp.Or: asm.Op(new(MicroOp.Or, d, A(), B())); break;
            case IrOp.Not: asm.Op(new(MicroOp.Xor, d, A(), One)); break;
            case IrOp.Select:
                // F = (condition == 0): the else value, else the then value.
                asm.Op(new(MicroOp.Equal, asm.Register(), args[0], Zero));
                asm.Select(d, args[2], args[1]);
                break;
            case IrOp.Multiply: Multiply(d, A(), B()); break;
            case IrOp.Divide: Divide(d, A(), B()); break;
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "no sequential code for this operator");
        }
    }

    /// <summary>R[d] = 1 - cmp(a, b).</summary>
    private void Negated(MicroOp compare, int d, int a, int b)
    {
        var t = asm.Register();
        asm.Op(new(compare, t, a, b));
        asm.Op(new(MicroOp.Xor, d, t, One));
    }

    /// <summary>
    /// R[d] = floor(a * b / 2^16), low 64 bits: the unit's unsigned 128-bit product (its high word
    /// the sum of its two carry-save words), made signed by subtracting b from the high word when
    /// a &lt; 0 and a when b &lt; 0 (mod 2^64), then bits 16..79.
    /// </summary>
    public void Multiply(int d, int a, int b)
    {
        int lo = Scratch(0), hi = Scratch(1), carries = Scratch(2), t = Scratch(3);
        asm.Op(new(MicroOp.MultiplyStart, 0, a, b));
        asm.Op(new(MicroOp.Take, lo, 0, 0));
        asm.Op(new(MicroOp.Take, hi, 0, 1));
        asm.Op(new(MicroOp.Take, carries, 0, 2));
        asm.Add(hi, hi, carries);
        asm.Op(new(MicroOp.LessSigned, t, a, Zero));
        asm.Select(t, b, Zero);
        asm.Sub(hi, hi, t);
        asm.Op(new(MicroOp.LessSigned, t, b, Zero));
        asm.Select(t, a, Zero);
        asm.Sub(hi, hi, t);
        asm.Shift(MicroOp.ShiftLeft, hi, hi, 48);
        asm.Shift(MicroOp.ShiftRight, lo, lo, 16);
        asm.Op(new(MicroOp.Or, d, hi, lo));
    }

    /// <summary>R[d] = a * b, low 64 bits (the same signed or unsigned): the integer product (the portfolio's).</summary>
    public void MultiplyInteger(int d, int a, int b)
    {
        asm.Op(new(MicroOp.MultiplyStart, 0, a, b));
        asm.Op(new(MicroOp.Take, d, 0, 0));
    }

    /// <summary>
    /// R[d] = (a &lt;&lt; 16) / b truncated toward zero, low 64 bits; 0 when b = 0: the unit divides
    /// |a| &lt;&lt; 16 by |b| (|-2^63| = 2^63 unsigned), and the low 64 quotient bits are negated when
    /// the signs differ (the low 64 bits of the signed quotient).
    /// </summary>
    public void Divide(int d, int a, int b) => SignedQuotient(MicroOp.FractionDivideStart, d, a, b);

    /// <summary>R[d] = a / b truncated toward zero (C#'s long division, wrapping for -2^63 / -1); 0 when b = 0.</summary>
    public void DivideInteger(int d, int a, int b) => SignedQuotient(MicroOp.DivideStart, d, a, b);

    /// <summary>R[d] = a / b, unsigned (floor); all ones when b = 0 (the unit's restoring rows never borrow).</summary>
    public void DivideUnsigned(int d, int a, int b)
    {
        asm.Op(new(MicroOp.DivideStart, 0, a, b));
        asm.Op(new(MicroOp.Take, d, 0, 0));
    }

    private void SignedQuotient(MicroOp start, int d, int a, int b)
    {
        int ua = Scratch(0), ub = Scratch(1), negative = Scratch(2), t = Scratch(3);
        asm.Op(new(MicroOp.LessSigned, t, a, Zero));
        asm.Sub(ua, Zero, a);
        asm.Select(ua, ua, a);
        asm.Op(new(MicroOp.LessSigned, negative, b, Zero));
        asm.Sub(ub, Zero, b);
        asm.Select(ub, ub, b);
        asm.Op(new(MicroOp.Xor, negative, negative, t));
        asm.Op(new(start, 0, ua, ub));
        asm.Op(new(MicroOp.Take, ua, 0, 0));
        // The sign, then 0 for b = 0.
        asm.Op(new(MicroOp.Equal, t, negative, Zero));
        asm.Sub(ub, Zero, ua);
        asm.Select(ua, ua, ub);
        asm.Op(new(MicroOp.Equal, t, b, Zero));
        asm.Select(d, Zero, ua);
    }

    /// <summary>
    /// The operators' own temporaries, shared by all of them: the unit serializes products and
    /// quotients anyway, so sharing costs no overlap and keeps the register file for state.
    /// </summary>
    private int Scratch(int k)
    {
        while (_scratch.Count <= k)
            _scratch.Add(asm.Register());
        return _scratch[k];
    }

    private readonly List<int> _scratch = [];
}
