using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScalpLang.Compiler.Numerics;

namespace ScalpLang.Cli.Commands;

/// <summary><c>scalp params FILE [--json]</c>: the strategy's parameters (name, type, unit, default, range).</summary>
internal static class ParamsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "the strategy (.scalp)" };
        var json = new Option<bool>("--json") { Description = "a JSON array of {name, type, unit, default, lower, upper}" };
        var command = new Command("params", "List a strategy's parameters with their units, defaults and ranges") { file, json };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(json), stdout, stderr));
        return command;
    }

    public static int Run(string path, bool asJson, TextWriter stdout, TextWriter stderr)
    {
        var (strategy, context, exit) = StrategyCompiler.Load(path, [], stderr);
        if (strategy is null)
            return exit;
        var parameters = strategy.Metadata.Parameters;
        context!.Unload();
        if (asJson)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartArray();
                foreach (var p in parameters)
                {
                    json.WriteStartObject();
                    json.WriteString("name", p.Name);
                    json.WriteString("type", p.Type);
                    json.WriteString("unit", Unit(p.Type));
                    json.WriteString("default", Format(p.Type, p.Default));
                    if (p.Lower is { } lo)
                        json.WriteString("lower", Format(p.Type, lo));
                    if (p.Upper is { } hi)
                        json.WriteString("upper", Format(p.Type, hi));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            stdout.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return ExitCodes.Success;
        }
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"name",-20} {"type",-9} {"default",-22} range\n");
        foreach (var p in parameters)
        {
            var range = p.Lower is { } lo && p.Upper is { } hi ? $"{Format(p.Type, lo)}..{Format(p.Type, hi)}" : "-";
            sb.Append(CultureInfo.InvariantCulture, $"{p.Name,-20} {p.Type,-9} {Format(p.Type, p.Default),-22} {range}\n");
        }
        stdout.Write(sb.ToString());
        return ExitCodes.Success;
    }

    private static string Unit(string type) => type switch
    {
        "duration" => "ns",
        "price" or "ticks" => "ticks",
        "lots" => "lots",
        _ => "",
    };

    /// <summary>A raw value as the exact decimal it stands for (durations with a unit).</summary>
    public static string Format(string type, long? raw) => raw is not { } value ? "-" : type switch
    {
        "duration" => DurationText(value),
        "bool" => value != 0 ? "true" : "false",
        _ => new Fixed(value).ToString(),
    };

    private static string DurationText(long ns) => ns switch
    {
        _ when ns % 3_600_000_000_000 == 0 && ns != 0 => $"{ns / 3_600_000_000_000}h",
        _ when ns % 60_000_000_000 == 0 && ns != 0 => $"{ns / 60_000_000_000}min",
        _ when ns % 1_000_000_000 == 0 && ns != 0 => $"{ns / 1_000_000_000}s",
        _ when ns % 1_000_000 == 0 && ns != 0 => $"{ns / 1_000_000}ms",
        _ when ns % 1_000 == 0 && ns != 0 => $"{ns / 1_000}us",
        _ => $"{ns}ns",
    };
}
