using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScalpLang.Hdl.Synth;

/// <summary>The report as the CLI prints it: a few lines of text, or one JSON object (hdl-backend/SYNTH.md).</summary>
public static class SynthReportText
{
    public static string Text(SynthReport r)
    {
        var c = r.Cells;
        var p = r.Placement;
        var s = new StringBuilder();
        var how = r.Top == r.Strategy ? "its ports on pins" : $"wrapped as {r.Top}";
        s.Append(CultureInfo.InvariantCulture, $"{r.Strategy} on iCE40 {r.Device.Name.ToUpperInvariant()} ({r.Package}), {how}\n");
        s.Append(CultureInfo.InvariantCulture, $"  LUT4s {c.Luts}, flip-flops {c.FlipFlops}, carries {c.Carries}, RAM blocks {c.RamBlocks}, DSPs {c.DspBlocks}\n");
        s.Append(CultureInfo.InvariantCulture, $"  logic cells {p.LogicCells}/{p.LogicCellsAvailable}, I/O {p.IoUsed}/{p.IoAvailable}\n");
        var fmax = r.FmaxMhz is { } f ? $"{f:F2} MHz" : "not reported";
        var icetime = r.IcetimeMhz is { } t ? $", icetime {t:F2} MHz" : "";
        var met = p.TimingMet is { } m ? (m ? " (met)" : " (not met)") : "";
        s.Append(CultureInfo.InvariantCulture, $"  Fmax {fmax}{icetime}; target {r.TargetMhz:0.###} MHz{met}\n");
        if (r.Top == r.Strategy)
            s.Append(CultureInfo.InvariantCulture, $"  latency: {r.ModuleLatencyCycles} cycles{Ns(r.ModuleLatencyNs)}\n");
        else
            s.Append(CultureInfo.InvariantCulture, $"  latency: module {r.ModuleLatencyCycles} cycles{Ns(r.ModuleLatencyNs)}, pin to pin {r.WrappedLatencyCycles} cycles{Ns(r.WrappedLatencyNs)}\n");
        if (r.Top != r.Strategy)
            s.Append(CultureInfo.InvariantCulture, $"  record interval: {r.RecordInterval} cycles (RECORD_INTERVAL; the narrow top takes a record over {NarrowTop.RecordBytes} bytes)\n");
        if (r.FullWidth.IsEmpty)
            s.Append("  no value needs the full 64 bits\n");
        foreach (var v in r.FullWidth)
            s.Append(CultureInfo.InvariantCulture, $"  full 64-bit width: {v.Wire} ({v.Origin}): {v.Why}\n");
        s.Append(CultureInfo.InvariantCulture, $"  yosys {r.YosysTime.TotalSeconds:F1} s, nextpnr {r.NextpnrTime.TotalSeconds:F1} s\n");
        if (r.Bitstream is { } b)
            s.Append(CultureInfo.InvariantCulture, $"  bitstream: {b}\n");
        return s.ToString();
    }

    private static string Ns(double? ns) => ns is { } v ? string.Create(CultureInfo.InvariantCulture, $" = {v:F1} ns at Fmax") : "";

    public static string Json(SynthReport r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("strategy", r.Strategy);
            w.WriteString("top", r.Top);
            w.WriteString("device", r.Device.Name);
            w.WriteString("package", r.Package);
            w.WriteNumber("luts", r.Cells.Luts);
            w.WriteNumber("flip_flops", r.Cells.FlipFlops);
            w.WriteNumber("carries", r.Cells.Carries);
            w.WriteNumber("ram_blocks", r.Cells.RamBlocks);
            w.WriteNumber("dsp_blocks", r.Cells.DspBlocks);
            w.WriteNumber("logic_cells", r.Placement.LogicCells);
            w.WriteNumber("logic_cells_available", r.Placement.LogicCellsAvailable);
            w.WriteNumber("io_used", r.Placement.IoUsed);
            w.WriteNumber("io_available", r.Placement.IoAvailable);
            Number(w, "fmax_mhz", r.FmaxMhz);
            Number(w, "icetime_mhz", r.IcetimeMhz);
            w.WriteNumber("target_mhz", r.TargetMhz);
            if (r.Placement.TimingMet is { } met)
                w.WriteBoolean("timing_met", met);
            else
                w.WriteNull("timing_met");
            w.WriteNumber("latency_cycles", r.ModuleLatencyCycles);
            Number(w, "latency_ns", r.ModuleLatencyNs);
            w.WriteNumber("pin_to_pin_latency_cycles", r.WrappedLatencyCycles);
            w.WriteNumber("record_interval", r.RecordInterval);
            Number(w, "pin_to_pin_latency_ns", r.WrappedLatencyNs);
            w.WriteStartArray("full_width");
            foreach (var v in r.FullWidth)
            {
                w.WriteStartObject();
                w.WriteString("value", v.Wire);
                w.WriteString("origin", v.Origin);
                w.WriteString("why", v.Why);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("yosys_seconds", Math.Round(r.YosysTime.TotalSeconds, 2));
            w.WriteNumber("nextpnr_seconds", Math.Round(r.NextpnrTime.TotalSeconds, 2));
            if (r.Bitstream is { } b)
                w.WriteString("bitstream", b);
            else
                w.WriteNull("bitstream");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
            w.WriteNumber(name, Math.Round(v, 2));
        else
            w.WriteNull(name);
    }
}
