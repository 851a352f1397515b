namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// The tape record and the top-N book as a sequential-core routine (hdl-backend/README.md, "The
/// sequential core"): the record's two words decoded by shifts and masks, and the book kept as
/// BookSection keeps it (docs/tape.md's ops: insert at i moves i.. down one and a full side drops
/// its last; change sets the size at i; delete at i moves i+1.. up one; levels past a side's count
/// hold 0; a trade sets the last price to {price, aux}). Each op on each side is its own
/// straight-line code: per level a comparison of aux with the level's number and a select per
/// field, deepest level first for an insert (it reads the level above's old value), shallowest
/// first for a delete.
/// </summary>
internal sealed class SequentialBook
{
    /// <summary>The record's fields, decoded into registers.</summary>
    public int Op { get; }
    public int Marks { get; }
    public int Aux { get; }
    public int Price { get; }
    public int Size { get; }
    public int Delta { get; }

    /// <summary>Level i of a side: <c>BidPrice + i</c> and so on, in ticks and lots (31 bits each).</summary>
    public int BidPrice { get; }
    public int BidSize { get; }
    public int AskPrice { get; }
    public int AskSize { get; }

    /// <summary>The last trade: {price, aux}, 47 bits (ticks and the sub-tick fraction).</summary>
    public int LastPrice { get; }

    public int Levels { get; }

    private readonly MicroAssembler _asm;

    public SequentialBook(MicroAssembler asm, int levels)
    {
        if (levels is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "the book holds 1..64 levels per side (docs/tape.md)");
        _asm = asm;
        Levels = levels;
        (Op, Marks, Aux, Price, Size, Delta) = (asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register(), asm.Register());
        (BidPrice, BidSize, AskPrice, AskSize) = (asm.Region(levels), asm.Region(levels), asm.Region(levels), asm.Region(levels));
        LastPrice = asm.Register();
    }

    /// <summary>Clears the book and the last trade (after reset: the register file keeps what the last run left).</summary>
    public void EmitReset()
    {
        var zero = _asm.Constant(0);
        foreach (var region in (int[])[BidPrice, BidSize, AskPrice, AskSize])
        {
            for (var i = 0; i < Levels; i++)
                _asm.Add(region + i, zero, zero);
        }
        _asm.Add(LastPrice, zero, zero);
    }

    /// <summary>Reads the record taken by the last Wait into the field registers and applies it to the book.</summary>
    public void EmitApply()
    {
        EmitDecode();
        EmitUpdate();
    }

    /// <summary>
    /// Reads the record taken by the last Wait into the field registers (what reads the book as the
    /// record found it, the event's amounts, goes between this and <see cref="EmitUpdate"/>).
    /// </summary>
    public void EmitDecode()
    {
        var asm = _asm;
        int w0 = asm.Register(), w1 = asm.Register();
        int byteMask = asm.Constant(0xff), wordMask = asm.Constant(0xffff_ffff);
        asm.In(w0, 0);
        asm.In(w1, 1);
        // word 0: [31:0] delta, [39:32] op, [47:40] marks, [63:48] aux; word 1: [31:0] price, [63:32] size.
        asm.Op(new(MicroOp.And, Delta, w0, wordMask));
        asm.Shift(MicroOp.ShiftRight, Op, w0, 32);
        asm.Op(new(MicroOp.And, Op, Op, byteMask));
        asm.Shift(MicroOp.ShiftRight, Marks, w0, 40);
        asm.Op(new(MicroOp.And, Marks, Marks, byteMask));
        asm.Shift(MicroOp.ShiftRight, Aux, w0, 48);
        asm.Op(new(MicroOp.And, Price, w1, wordMask));
        asm.Shift(MicroOp.ShiftRight, Size, w1, 32);
    }

    /// <summary>Applies the decoded record to the book.</summary>
    public void EmitUpdate()
    {
        var asm = _asm;
        int flag = asm.Register(), levelMask = asm.Constant(0x7fff_ffff);
        var done = asm.NewLabel();
        // A trade: the last price, whatever its side.
        var notTrade = asm.NewLabel();
        asm.Op(new(MicroOp.Equal, flag, Op, asm.Constant(3)));
        asm.Jump(MicroOp.JumpUnless, notTrade);
        int last = asm.Register();
        asm.Op(new(MicroOp.And, last, Price, levelMask));
        asm.Shift(MicroOp.ShiftLeft, last, last, 16);
        asm.Op(new(MicroOp.Or, LastPrice, last, Aux));
        asm.Jump(MicroOp.Jump, done);
        asm.Place(notTrade);

        // The side (the Ask mark, bit 3), then the op.
        int side = asm.Register();
        asm.Op(new(MicroOp.And, side, Marks, asm.Constant(8)));
        var ask = asm.NewLabel();
        asm.Op(new(MicroOp.Equal, flag, side, asm.Constant(0)));
        asm.Jump(MicroOp.JumpUnless, ask);
        EmitSide(BidPrice, BidSize, flag, done);
        asm.Place(ask);
        EmitSide(AskPrice, AskSize, flag, done);
        asm.Place(done);
    }

    private void EmitSide(int prices, int sizes, int flag, MicroAssembler.Label done)
    {
        var asm = _asm;
        int zero = asm.Constant(0), price = asm.Register(), size = asm.Register();
        int levelMask = asm.Constant(0x7fff_ffff);
        // A valid tape's prices and sizes are positive int32: a level holds their low 31 bits, as BookSection's.
        asm.Op(new(MicroOp.And, price, Price, levelMask));
        asm.Op(new(MicroOp.And, size, Size, levelMask));
        MicroAssembler.Label notInsert = asm.NewLabel(), notChange = asm.NewLabel(), notDelete = asm.NewLabel();

        asm.Op(new(MicroOp.Equal, flag, Op, asm.Constant(0)));
        asm.Jump(MicroOp.JumpUnless, notInsert);
        for (var j = Levels - 1; j >= 0; j--)
        {
            var level = asm.Constant(j);
            if (j > 0)
            {
                // aux < j: level j takes level j - 1's (old) value.
                asm.Op(new(MicroOp.LessUnsigned, flag, Aux, level));
                asm.Select(prices + j, prices + j - 1, prices + j);
                asm.Select(sizes + j, sizes + j - 1, sizes + j);
            }
            asm.Op(new(MicroOp.Equal, flag, Aux, level));
            asm.Select(prices + j, price, prices + j);
            asm.Select(sizes + j, size, sizes + j);
        }
        asm.Jump(MicroOp.Jump, done);
        asm.Place(notInsert);

        asm.Op(new(MicroOp.Equal, flag, Op, asm.Constant(1)));
        asm.Jump(MicroOp.JumpUnless, notChange);
        for (var j = 0; j < Levels; j++)
        {
            asm.Op(new(MicroOp.Equal, flag, Aux, asm.Constant(j)));
            asm.Select(sizes + j, size, sizes + j);
        }
        asm.Jump(MicroOp.Jump, done);
        asm.Place(notChange);

        asm.Op(new(MicroOp.Equal, flag, Op, asm.Constant(2)));
        asm.Jump(MicroOp.JumpUnless, notDelete);
        for (var j = 0; j < Levels; j++)
        {
            // j < aux: level j keeps its value; else it takes level j + 1's (0 past the last).
            asm.Op(new(MicroOp.LessUnsigned, flag, asm.Constant(j), Aux));
            asm.Select(prices + j, prices + j, j + 1 < Levels ? prices + j + 1 : zero);
            asm.Select(sizes + j, sizes + j, j + 1 < Levels ? sizes + j + 1 : zero);
        }
        asm.Place(notDelete);
        asm.Jump(MicroOp.Jump, done);
    }
}
