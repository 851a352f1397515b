using ScalpLang.Compiler.Ir;

namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The IR's operators (<see cref="IrOp"/>) as sequential-core code, with the language's numeric
/// semantics (grammar/README.md §6): sums wrap at 64 bits, a product is the exact 128-bit product
/// shifted right by 16 (toward minus infinity), low 64 bits; a quotient is (a &lt;&lt; 16) / b in
/// 128 bits truncated toward zero, low 64 bits, and 0 when b = 0. Booleans are 0 and 1.
/// Products and quotients are loops here, one bit a turn (64 and 80 turns, some thousands of
/// cycles): a multiply and a divide unit beside the ALU would take tens (hdl-backend/README.md,
/// "The sequential core").
/// </summary>
internal sealed class MicroOperators(MicroAssembler asm)
{
    private int Zero => asm.Constant(0);
    private int One => asm.Constant(1);

    /// <summary>R[d] = op(args). The registers an operator needs beside its operands are new ones (a product 8, a quotient 11).</summary>
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

    /// <summary>A loop of <paramref name="turns"/> turns counted in <paramref name="count"/>: its first instruction's label.</summary>
    private MicroAssembler.Label LoopStart(int count, int turns)
    {
        asm.Add(count, asm.Constant(turns), Zero);
        var turn = asm.NewLabel();
        asm.Place(turn);
        return turn;
    }

    /// <summary>The loop's end: one turn fewer, and back to <paramref name="turn"/> until none is left (<paramref name="t"/> takes F's 0/1).</summary>
    private void LoopEnd(int count, int t, MicroAssembler.Label turn)
    {
        asm.Sub(count, count, One);
        asm.Op(new(MicroOp.Equal, t, count, Zero));
        asm.Jump(MicroOp.JumpUnless, turn);
    }

    /// <summary>R[d] = 1 - cmp(a, b).</summary>
    private void Negated(MicroOp compare, int d, int a, int b)
    {
        var t = asm.Register();
        asm.Op(new(compare, t, a, b));
        asm.Op(new(MicroOp.Xor, d, t, One));
    }

    /// <summary>
    /// R[d] = floor(a * b / 2^16), low 64 bits. The unsigned product of the two words by shift and
    /// add (b's bits from the bottom, the 129-bit sum shifted right a turn), then the signed one:
    /// the high word less b when a &lt; 0 and less a when b &lt; 0 (mod 2^64).
    /// </summary>
    public void Multiply(int d, int a, int b)
    {
        int hi = asm.Register(), lo = asm.Register(), y = asm.Register(), count = asm.Register();
        int bit = asm.Register(), sum = asm.Register(), carry = asm.Register(), t = asm.Register();
        asm.Add(hi, Zero, Zero);
        asm.Add(lo, Zero, Zero);
        asm.Add(y, b, Zero);
        var turn = LoopStart(count, 64);
        asm.Op(new(MicroOp.And, bit, y, One));
        asm.Add(sum, hi, a);
        asm.Op(new(MicroOp.LessUnsigned, carry, sum, a));   // the sum's carry out
        asm.Op(new(MicroOp.Equal, t, bit, Zero));           // F: this bit of b is 0, nothing added
        asm.Select(sum, hi, sum);
        asm.Select(carry, Zero, carry);
        asm.Shift(MicroOp.ShiftRight, lo, lo, 1);
        asm.Shift(MicroOp.ShiftLeft, t, sum, 63);
        asm.Op(new(MicroOp.Or, lo, lo, t));
        asm.Shift(MicroOp.ShiftRight, hi, sum, 1);
        asm.Shift(MicroOp.ShiftLeft, carry, carry, 63);
        asm.Op(new(MicroOp.Or, hi, hi, carry));
        asm.Shift(MicroOp.ShiftRight, y, y, 1);
        LoopEnd(count, t, turn);
        // Signed: subtract b from the high word when a < 0, a when b < 0.
        asm.Op(new(MicroOp.LessSigned, t, a, Zero));
        asm.Select(t, b, Zero);
        asm.Sub(hi, hi, t);
        asm.Op(new(MicroOp.LessSigned, t, b, Zero));
        asm.Select(t, a, Zero);
        asm.Sub(hi, hi, t);
        // Bits 16..79 of the 128-bit product.
        asm.Shift(MicroOp.ShiftLeft, hi, hi, 48);
        asm.Shift(MicroOp.ShiftRight, lo, lo, 16);
        asm.Op(new(MicroOp.Or, d, hi, lo));
    }

    /// <summary>
    /// R[d] = (a &lt;&lt; 16) / b truncated toward zero, low 64 bits; 0 when b = 0. |a| &lt;&lt; 16 (80
    /// bits: |a|'s 64 bits, then 16 zeros) is divided by |b| by restoring rows, a bit a turn from the
    /// top; the remainder stays below |b| &lt;= 2^63, so it and its doubling fit a word; the low 64
    /// quotient bits are kept and negated when the signs differ (the low 64 bits of the signed
    /// quotient).
    /// </summary>
    public void Divide(int d, int a, int b)
    {
        int ua = asm.Register(), ub = asm.Register(), negative = asm.Register(), t = asm.Register();
        int high = asm.Register(), r = asm.Register(), q = asm.Register();
        int bit = asm.Register(), less = asm.Register(), r2 = asm.Register(), count = asm.Register();
        // |a| and |b| as unsigned words (|-2^63| = 2^63), and whether the signs differ.
        asm.Op(new(MicroOp.LessSigned, t, a, Zero));
        asm.Sub(ua, Zero, a);
        asm.Select(ua, ua, a);
        asm.Op(new(MicroOp.LessSigned, negative, b, Zero));
        asm.Sub(ub, Zero, b);
        asm.Select(ub, ub, b);
        asm.Op(new(MicroOp.Xor, negative, negative, t));
        // The dividend's bits leave high from its top: |a|'s 64, then the 16 zeros shifted in.
        asm.Add(high, ua, Zero);
        asm.Add(r, Zero, Zero);
        asm.Add(q, Zero, Zero);
        var turn = LoopStart(count, 80);
        asm.Shift(MicroOp.ShiftRight, bit, high, 63);
        asm.Shift(MicroOp.ShiftLeft, high, high, 1);
        asm.Shift(MicroOp.ShiftLeft, r, r, 1);
        asm.Op(new(MicroOp.Or, r, r, bit));
        asm.Sub(r2, r, ub);
        asm.Op(new(MicroOp.LessUnsigned, less, r, ub));     // F: |b| does not go into the row
        asm.Select(r, r, r2);
        asm.Op(new(MicroOp.Xor, less, less, One));
        asm.Shift(MicroOp.ShiftLeft, q, q, 1);
        asm.Op(new(MicroOp.Or, q, q, less));
        LoopEnd(count, t, turn);
        // The sign, then 0 for b = 0.
        asm.Op(new(MicroOp.Equal, t, negative, Zero));
        asm.Sub(t, Zero, q);
        asm.Select(q, q, t);
        asm.Op(new(MicroOp.Equal, t, b, Zero));
        asm.Select(d, Zero, q);
    }
}
