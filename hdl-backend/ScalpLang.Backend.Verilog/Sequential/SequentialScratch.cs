namespace ScalpLang.Backend.Verilog.Sequential;

/// <summary>
/// Temporaries the window routines share: a routine opens a scope, takes registers from it, and
/// gives them back when the scope ends; a routine it calls opens its own scope above, so nested
/// ones never share a register while both are live. The routines run one after another in the
/// evaluation, so the whole program needs only as many temporaries as its deepest nesting, not one
/// set per window, and the register file keeps its room for the windows' state.
/// </summary>
internal sealed class SequentialScratch(MicroAssembler asm)
{
    private readonly List<int> _pool = [];
    private int _top;

    public Scope Open() => new(this, _top);

    private int Take()
    {
        if (_top == _pool.Count)
            _pool.Add(asm.Register());
        return _pool[_top++];
    }

    /// <summary>Registers taken since the scope opened; they return to the pool at Dispose.</summary>
    public readonly struct Scope(SequentialScratch owner, int mark) : IDisposable
    {
        public int Next() => owner.Take();

        public void Dispose() => owner._top = mark;
    }
}
