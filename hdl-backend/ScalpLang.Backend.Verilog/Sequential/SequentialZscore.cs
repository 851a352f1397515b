namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// <c>zscore(of: X, window: W)</c>'s value (the runtime's ZscoreWindow) over a sample window built
/// with squares: (x - m) / s, x this event's sample, m the mean (exact sum / n truncated), and
/// s = isqrt(floor(D / n^2)) with D = n·Σx² - (Σx)² exact in 192 bits (below 2^137). n·Σx² is three
/// products of a word by n on the unit; (Σx)² of the 128-bit magnitude (below 2^69) three more;
/// the division by n² (at most 1024) is long division in 32-bit digits (D / n² &lt; 2^126, so D's top
/// word is already the first remainder, and four 64-bit divisions follow); the square root is the
/// bit-by-bit one on 128-bit words (64 turns). The quotient is the language's Q.Div (s = 0 gives 0).
/// </summary>
internal sealed class SequentialZscore(MicroAssembler asm, MicroOperators operators, SequentialWide wide, SequentialScratch scratch, SequentialSampleWindow samples)
{
    /// <summary>This routine's temporaries (the scope <see cref="Emit"/> opens).</summary>
    private SequentialScratch.Scope _scope;

    /// <summary>R[d] = the z-score of <paramref name="sample"/> (the value just recorded) against the held samples.</summary>
    public void Emit(int d, int sample)
    {
        using var scope = _scope = scratch.Open();
        int zero = asm.Constant(0), one = asm.Constant(1), lowMask = asm.Constant(0xffff_ffff);
        int t = scope.Next();
        Reg(out var sumHigh, out var sumLow, out var mean);
        samples.EmitSum(sumHigh, sumLow);
        samples.EmitMean(mean, sumHigh, sumLow);

        // |Σx| (128 bits, below 2^69).
        Reg(out var magnitudeHigh, out var magnitudeLow, out var negative);
        asm.Op(new(MicroOp.Equal, t, sumLow, zero));
        asm.Op(new(MicroOp.Xor, t, t, one));
        asm.Sub(t, zero, t);
        asm.Sub(t, t, sumHigh);
        asm.Op(new(MicroOp.LessSigned, negative, sumHigh, zero));
        asm.Select(magnitudeHigh, t, sumHigh);
        asm.Sub(t, zero, sumLow);
        asm.Select(magnitudeLow, t, sumLow);

        // n·Σx², mod 2^192.
        Reg(out var s2, out var s1, out var s0);
        samples.EmitSumOfSquares(s2, s1, s0);
        Reg(out var p2, out var p1, out var p0);
        Reg(out var high0, out var high1, out var ignored);
        wide.Product(high0, p0, s0, samples.Count);
        wide.Product(high1, p1, s1, samples.Count);
        wide.Product(ignored, p2, s2, samples.Count);
        wide.Add(p2, p1, p0, high1, high0, zero);

        // (Σx)² = low² + 2·low·high·2^64 + high²·2^128, then D = n·Σx² - (Σx)².
        Reg(out var q2, out var q1, out var q0);
        Reg(out var cross1, out var cross0, out _);
        wide.Product(q1, q0, magnitudeLow, magnitudeLow);
        wide.Product(cross1, cross0, magnitudeLow, magnitudeHigh);
        wide.Product(ignored, q2, magnitudeHigh, magnitudeHigh);
        wide.Add(q2, q1, q0, cross1, cross0, zero);
        wide.Add(q2, q1, q0, cross1, cross0, zero);
        wide.Subtract(p2, p1, p0, q2, q1, q0);

        // floor(D / n²) in 32-bit digits: the remainder starts at D's top word (below n²).
        Reg(out var square, out var remainder, out var numerator);
        asm.Op(new(MicroOp.MultiplyStart, 0, samples.Count, samples.Count));
        asm.Op(new(MicroOp.Take, square, 0, 0));
        asm.Add(remainder, p2, zero);
        var digits = new int[4];
        for (var i = 0; i < 4; i++)
        {
            var word = i < 2 ? p1 : p0;
            digits[i] = scope.Next();
            if (i % 2 == 0)
                asm.Shift(MicroOp.ShiftRight, t, word, 32);
            else
                asm.Op(new(MicroOp.And, t, word, lowMask));
            asm.Shift(MicroOp.ShiftLeft, numerator, remainder, 32);
            asm.Op(new(MicroOp.Or, numerator, numerator, t));
            asm.Op(new(MicroOp.DivideStart, 0, numerator, square));
            asm.Op(new(MicroOp.Take, digits[i], 0, 0));
            asm.Op(new(MicroOp.Take, remainder, 0, 1));
        }
        Reg(out var varianceHigh, out var varianceLow, out _);
        asm.Shift(MicroOp.ShiftLeft, varianceHigh, digits[0], 32);
        asm.Op(new(MicroOp.Or, varianceHigh, varianceHigh, digits[1]));
        asm.Shift(MicroOp.ShiftLeft, varianceLow, digits[2], 32);
        asm.Op(new(MicroOp.Or, varianceLow, varianceLow, digits[3]));

        var deviation = scope.Next();
        var std = scope.Next();
        EmitSquareRoot(std, varianceHigh, varianceLow);
        asm.Sub(deviation, sample, mean);
        operators.Divide(d, deviation, std);
    }

    /// <summary>
    /// R[d] = floor(sqrt((high, low))), bit by bit: the bit runs over the powers of 4 from 2^126 down,
    /// and where rest &gt;= root + bit, rest loses it and root becomes root / 2 + bit (else root / 2).
    /// The rest (the radicand's registers) is consumed.
    /// </summary>
    private void EmitSquareRoot(int d, int high, int low)
    {
        int zero = asm.Constant(0), one = asm.Constant(1);
        Reg(out var rootHigh, out var rootLow, out var turns);
        Reg(out var bitHigh, out var bitLow, out var fits);
        Reg(out var trialHigh, out var trialLow, out var t);
        Reg(out var u, out var addHigh, out var addLow);
        asm.Add(rootHigh, zero, zero);
        asm.Add(rootLow, zero, zero);
        asm.Add(bitHigh, asm.Constant(1L << 62), zero);
        asm.Add(bitLow, zero, zero);
        asm.Add(turns, asm.Constant(64), zero);
        var turn = asm.NewLabel();
        asm.Place(turn);
        asm.LoopBound(turn, 64);
        // trial = root + bit
        asm.Add(trialLow, rootLow, bitLow);
        asm.Op(new(MicroOp.LessUnsigned, t, trialLow, bitLow));
        asm.Add(trialHigh, rootHigh, bitHigh);
        asm.Add(trialHigh, trialHigh, t);
        // fits = rest >= trial: high above, or equal with low not below
        asm.Op(new(MicroOp.LessUnsigned, fits, trialHigh, high));
        asm.Op(new(MicroOp.Equal, t, high, trialHigh));
        asm.Op(new(MicroOp.LessUnsigned, u, low, trialLow));
        asm.Op(new(MicroOp.Xor, u, u, one));
        asm.Op(new(MicroOp.And, t, t, u));
        asm.Op(new(MicroOp.Or, fits, fits, t));
        // rest - trial, kept when it fits
        asm.Op(new(MicroOp.LessUnsigned, u, low, trialLow));
        asm.Sub(trialLow, low, trialLow);
        asm.Sub(trialHigh, high, trialHigh);
        asm.Sub(trialHigh, trialHigh, u);
        asm.Op(new(MicroOp.Equal, t, fits, one));
        asm.Select(low, trialLow, low);
        asm.Select(high, trialHigh, high);
        asm.Select(addLow, bitLow, zero);
        asm.Select(addHigh, bitHigh, zero);
        // root = root / 2 + (fits ? bit : 0)
        asm.Shift(MicroOp.ShiftRight, rootLow, rootLow, 1);
        asm.Shift(MicroOp.ShiftLeft, t, rootHigh, 63);
        asm.Op(new(MicroOp.Or, rootLow, rootLow, t));
        asm.Shift(MicroOp.ShiftRight, rootHigh, rootHigh, 1);
        asm.Add(rootLow, rootLow, addLow);
        asm.Op(new(MicroOp.LessUnsigned, t, rootLow, addLow));
        asm.Add(rootHigh, rootHigh, addHigh);
        asm.Add(rootHigh, rootHigh, t);
        // bit /= 4
        asm.Shift(MicroOp.ShiftRight, bitLow, bitLow, 2);
        asm.Shift(MicroOp.ShiftLeft, t, bitHigh, 62);
        asm.Op(new(MicroOp.Or, bitLow, bitLow, t));
        asm.Shift(MicroOp.ShiftRight, bitHigh, bitHigh, 2);
        asm.Sub(turns, turns, one);
        asm.Op(new(MicroOp.Equal, t, turns, zero));
        asm.Jump(MicroOp.JumpUnless, turn);
        asm.Add(d, rootLow, zero);
    }

    private void Reg(out int a, out int b, out int c) => (a, b, c) = (_scope.Next(), _scope.Next(), _scope.Next());
}
