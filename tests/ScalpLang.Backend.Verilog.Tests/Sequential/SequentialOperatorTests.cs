using ScalpLang.Backend.Verilog.Sequential;
using ScalpLang.Compiler.Ir;
using ScalpLang.Compiler.Semantics;
using ScalpLang.Compiler.Syntax;
using Xunit.Abstractions;

namespace ScalpLang.Backend.Verilog.Tests.Sequential;

/// <summary>
/// The IR's operators on the sequential core (MicroOperators) give the language's values
/// (ConstantFolder, the reference the IL and the constant folder share): every binary operator,
/// negation, not and select, on the edges of the 64-bit range and on random values, in the machine;
/// the product and the quotient also on the core in iverilog. A product whose low word is shifted
/// arithmetically and a quotient without its sign are caught.
/// </summary>
public sealed class SequentialOperatorTests(ITestOutputHelper output)
{
    private static readonly (IrOp Op, BinaryOperator Reference)[] Binary =
    [
        (IrOp.Add, BinaryOperator.Add), (IrOp.Subtract, BinaryOperator.Subtract), (IrOp.Multiply, BinaryOperator.Multiply),
        (IrOp.Divide, BinaryOperator.Divide), (IrOp.Less, BinaryOperator.Less), (IrOp.LessOrEqual, BinaryOperator.LessOrEqual),
        (IrOp.Greater, BinaryOperator.Greater), (IrOp.GreaterOrEqual, BinaryOperator.GreaterOrEqual), (IrOp.Equal, BinaryOperator.Equal),
        (IrOp.NotEqual, BinaryOperator.NotEqual),
    ];

    [Fact]
    public void Every_operator_gives_the_reference_value_in_the_machine()
    {
        var (program, registers) = Program(out _);
        var machine = new MicroMachine(program);
        machine.Run([]);
        var vectors = Vectors(1, 3000);
        foreach (var (a, b) in vectors)
        {
            machine.Run([[a, b]]);
            var r = machine.Registers;
            foreach (var (op, reference) in Binary)
                Assert.True(r[registers[op]] == ConstantFolder.Binary(reference, a, b), $"{op}({a}, {b}): machine {r[registers[op]]}, reference {ConstantFolder.Binary(reference, a, b)}");
            long c = a & 1, d = b & 1;
            Assert.Equal(unchecked(-a), r[registers[IrOp.Negate]]);
            Assert.Equal(1 - c, r[registers[IrOp.Not]]);
            Assert.Equal(c & d, r[registers[IrOp.And]]);
            Assert.Equal(c | d, r[registers[IrOp.Or]]);
            Assert.Equal(c != 0 ? a : b, r[registers[IrOp.Select]]);
        }
        output.WriteLine($"{vectors.Count} vectors, {machine.Cycles} cycles ({machine.Cycles / vectors.Count} a vector: every operator once, a product and a quotient among them)");
    }

    /// <summary>
    /// The integer operations the portfolio and the bucket clocks use: the low 64 bits of a product,
    /// C#'s truncating long division (0 for b = 0, -2^63 for -2^63 / -1 where C# throws), and the
    /// unsigned quotient (all ones for b = 0, the unit's restoring rows).
    /// </summary>
    [Fact]
    public void The_integer_operations_give_csharps_values_in_the_machine()
    {
        var asm = new MicroAssembler(2, 1);
        var operators = new MicroOperators(asm);
        int a = asm.Register(), b = asm.Register(), product = asm.Register(), quotient = asm.Register(), unsigned = asm.Register();
        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        asm.In(a, 0);
        asm.In(b, 1);
        operators.MultiplyInteger(product, a, b);
        operators.DivideInteger(quotient, a, b);
        operators.DivideUnsigned(unsigned, a, b);
        asm.Jump(MicroOp.Jump, top);
        var machine = new MicroMachine(asm.Assemble());
        machine.Run([]);
        var vectors = Vectors(5, 3000);
        foreach (var (x, y) in vectors)
        {
            machine.Run([[x, y]]);
            var r = machine.Registers;
            Assert.Equal(unchecked(x * y), r[product]);
            Assert.Equal(y == 0 ? 0 : y == -1 ? unchecked(-x) : x / y, r[quotient]);
            Assert.Equal(y == 0 ? -1 : (long)((ulong)x / (ulong)y), r[unsigned]);
        }
        output.WriteLine($"{vectors.Count} vectors, {machine.Cycles / vectors.Count} cycles a vector for the three");
    }

    /// <summary>A product and a quotient take the same cycles whatever their operands (no branch on data): a fixed latency.</summary>
    [Theory]
    [InlineData(IrOp.Multiply)]
    [InlineData(IrOp.Divide)]
    public void A_product_and_a_quotient_take_fixed_cycles(IrOp op)
    {
        var asm = new MicroAssembler(2, 1);
        int a = asm.Register(), b = asm.Register(), d = asm.Register();
        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        asm.In(a, 0);
        asm.In(b, 1);
        new MicroOperators(asm).Emit(op, d, [a, b]);
        asm.Out(0, d);
        asm.Emit();
        asm.Jump(MicroOp.Jump, top);
        var emitted = new MicroMachine(asm.Assemble()).Run([.. Vectors(4, 200).Select(v => new[] { v.A, v.B })]);
        var cycles = emitted.Select(e => e.CyclesSinceRecord).Distinct().ToList();
        output.WriteLine($"{op}: {string.Join(", ", cycles)} cycles from Wait to Emit, {emitted.Count} vectors");
        Assert.Single(cycles);
    }

    [Theory]
    [InlineData("product")]
    [InlineData("quotient")]
    public void A_broken_operator_is_caught(string which)
    {
        var (program, registers) = Program(out _);
        var code = program.Instructions.ToArray();
        var op = which == "product" ? IrOp.Multiply : IrOp.Divide;
        // The product's low word shifted arithmetically (its top bit smeared into bits 48..63); the
        // quotient's sign dropped (the select that takes the negated quotient keeps it as it is).
        var k = which == "product"
            ? Array.FindIndex(code, x => x.Op == MicroOp.ShiftRight && x.B == 16)
            : Array.FindLastIndex(code, x => x.Op == MicroOp.Select && x.D == x.A);
        Assert.True(k >= 0);
        code[k] = which == "product" ? code[k] with { Op = MicroOp.ShiftRightSigned } : code[k] with { B = code[k].A };
        var machine = new MicroMachine(program with { Instructions = code });
        machine.Run([]);
        var reference = which == "product" ? BinaryOperator.Multiply : BinaryOperator.Divide;
        var differ = 0;
        var vectors = Vectors(2, 500);
        foreach (var (a, b) in vectors)
        {
            machine.Run([[a, b]]);
            differ += machine.Registers[registers[op]] != ConstantFolder.Binary(reference, a, b) ? 1 : 0;
        }
        output.WriteLine($"broken {which}: {differ} of {vectors.Count} vectors differ");
        Assert.True(differ > 0);
    }

    [Fact]
    [Trait("Category", "Simulator")]
    public void The_product_and_the_quotient_run_alike_on_the_core()
    {
        var (program, registers) = Program(out var outputs);
        // About 4,200 cycles a vector (a product and a quotient by loops): a few edges and random values.
        var vectors = Vectors(3, 12).Where((_, i) => i % 29 == 0 || i >= 289).ToList();
        var records = vectors.Select(v => new[] { v.A, v.B }).ToList();
        var expected = new MicroMachine(program).Run(records).Select(e => CoreSimulation.Line(e.Words)).ToList();
        var actual = CoreSimulation.Run(SequentialCoreWriter.Write("SeqCore", program), records, cyclesPerRecord: 6000);
        Assert.Equal(expected, actual);
        // The emitted words are the reference's product and quotient.
        for (var i = 0; i < vectors.Count; i++)
        {
            var (a, b) = vectors[i];
            Assert.Equal(CoreSimulation.Line([ConstantFolder.Binary(BinaryOperator.Multiply, a, b), ConstantFolder.Binary(BinaryOperator.Divide, a, b), 0, 0]), actual[i]);
        }
        output.WriteLine($"{vectors.Count} vectors on the core; outputs {string.Join(", ", outputs)}");
    }

    /// <summary>Per record (a, b): every operator into its own register; the product and the quotient emitted.</summary>
    private static (MicroProgram Program, Dictionary<IrOp, int> Registers) Program(out string[] outputs)
    {
        var asm = new MicroAssembler(2, 4);
        var operators = new MicroOperators(asm);
        int a = asm.Register(), b = asm.Register(), c = asm.Register(), d = asm.Register();
        var registers = Enum.GetValues<IrOp>().ToDictionary(op => op, _ => asm.Register());
        var top = asm.NewLabel();
        asm.Place(top);
        asm.Wait();
        asm.In(a, 0);
        asm.In(b, 1);
        asm.Op(new(MicroOp.And, c, a, asm.Constant(1)));
        asm.Op(new(MicroOp.And, d, b, asm.Constant(1)));
        foreach (var (op, _) in Binary)
            operators.Emit(op, registers[op], [a, b]);
        operators.Emit(IrOp.Negate, registers[IrOp.Negate], [a]);
        operators.Emit(IrOp.Not, registers[IrOp.Not], [c]);
        operators.Emit(IrOp.And, registers[IrOp.And], [c, d]);
        operators.Emit(IrOp.Or, registers[IrOp.Or], [c, d]);
        operators.Emit(IrOp.Select, registers[IrOp.Select], [c, a, b]);
        asm.Out(0, registers[IrOp.Multiply]);
        asm.Out(1, registers[IrOp.Divide]);
        asm.Out(2, asm.Constant(0));
        asm.Out(3, asm.Constant(0));
        asm.Emit();
        asm.Jump(MicroOp.Jump, top);
        outputs = ["product", "quotient", "0", "0"];
        return (asm.Assemble(), registers);
    }

    /// <summary>Pairs from the 64-bit edges (every pair of them), Q47.16 values of ordinary size and random words.</summary>
    private static List<(long A, long B)> Vectors(int seed, int random)
    {
        long[] edges = [0, 1, -1, 2, -2, 65536, -65536, 65535, 1L << 47, -(1L << 47), (1L << 47) - 1, long.MaxValue, long.MinValue, long.MinValue + 1, 1L << 32, (1L << 32) - 1, 3];
        var list = (from x in edges from y in edges select (x, y)).ToList();
        var rng = new Random(seed);
        long Value() => rng.Next(3) switch
        {
            0 => rng.NextInt64(),
            1 => rng.NextInt64(-(1L << 40), 1L << 40),
            _ => rng.NextInt64(-100_000_000, 100_000_000),
        };
        for (var i = 0; i < random; i++)
            list.Add((Value(), Value()));
        return list;
    }
}
