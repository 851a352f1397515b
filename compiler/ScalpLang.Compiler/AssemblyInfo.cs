// The ANTLR-generated types carry [CLSCompliant(false)]; the assembly must say so too.
[assembly: CLSCompliant(false)]
