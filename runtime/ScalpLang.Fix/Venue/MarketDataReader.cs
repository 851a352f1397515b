using ScalpLang.Fix.Codec;

namespace ScalpLang.Fix.Venue;

/// <summary>
/// Reads W and X into <see cref="MarketDataUpdate"/>s. Entry types other than bid (0), offer (1)
/// and trade (2) are skipped, as are entries for another symbol; a price off the tick grid or a
/// fractional lot refuses the whole message (the book would otherwise drift from the venue's).
/// Event time: the entry's MDEntryDate (272) + MDEntryTime (273), else the message's SendingTime.
/// </summary>
public static class MarketDataReader
{
    public static bool TryRead(FixMessage message, WireUnits units, long tsRecv, out MarketDataUpdate? update, out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(units);
        update = null;
        error = null;
        var type = message.MsgType;
        var snapshot = type.Length == 1 && type[0] == (byte)'W';
        var name = snapshot ? "MarketDataSnapshotFullRefresh" : "MarketDataIncrementalRefresh";
        if (snapshot && message.GetString(FixTag.Symbol) is { } symbol && symbol != units.Symbol)
        {
            error = $"{name} for symbol {symbol}, but this venue trades {units.Symbol}";
            return false;
        }
        var messageTime = message.TryGetUtcTimestampUnixNanos(FixTag.SendingTime, out var sent) ? sent : tsRecv;
        var group = message.GetGroup(FixTag.NoMDEntries);
        var entries = new List<MarketEntry>(group.Count);
        for (var i = 0; i < group.Count; i++)
        {
            var entry = group[i];
            if (!snapshot && entry.GetString(FixTag.Symbol) is { } entrySymbol && entrySymbol != units.Symbol)
                continue;
            if (!entry.TryGetChar(FixTag.MDEntryType, out var kindChar) || kindChar is not ('0' or '1' or '2'))
                continue;
            var kind = (MarketEntryKind)(kindChar - '0');
            var action = snapshot ? '0' : entry.TryGetChar(FixTag.MDUpdateAction, out var a) ? a : '?';
            if (action is not ('0' or '1' or '2'))
            {
                error = $"{name} entry {i + 1}: MDUpdateAction(279) '{entry.GetString(FixTag.MDUpdateAction)}' is not 0, 1 or 2";
                return false;
            }
            string? why = null;
            long ticks = 0;
            if (!entry.TryGetDecimal(FixTag.MDEntryPx, out var px) || !units.TryTicks(px, out ticks, out why))
            {
                error = $"{name} entry {i + 1}: MDEntryPx(270) " + (entry.Contains(FixTag.MDEntryPx) ? why ?? $"'{entry.GetString(FixTag.MDEntryPx)}' is not a price" : "is missing");
                return false;
            }
            long lots = 0;
            if (action != '2' || kind == MarketEntryKind.Trade)
            {
                if (!entry.TryGetDecimal(FixTag.MDEntrySize, out var size) || !units.TryLots(size, out lots, out why))
                {
                    error = $"{name} entry {i + 1}: MDEntrySize(271) " + (entry.Contains(FixTag.MDEntrySize) ? why ?? $"'{entry.GetString(FixTag.MDEntrySize)}' is not a number" : "is missing");
                    return false;
                }
            }
            if (kind != MarketEntryKind.Trade && action == '2')
                lots = 0;
            entries.Add(new MarketEntry(kind, ticks, lots, EntryTime(entry, messageTime)));
        }
        update = new MarketDataUpdate(snapshot, entries.Count > 0 ? entries[0].TsEvent : messageTime, tsRecv, entries);
        return true;
    }

    private static long EntryTime(FixGroupEntry entry, long fallback)
    {
        // Date and time joined as one UTCTimestamp, read to the nanosecond.
        if (!entry.TryGetValue(RoutingTags.MDEntryDate, out var date) || !entry.TryGetValue(RoutingTags.MDEntryTime, out var time)
            || date.Length != 8 || time.Length > 18)
            return fallback;
        Span<byte> stamp = stackalloc byte[27];
        date.CopyTo(stamp);
        stamp[8] = (byte)'-';
        time.CopyTo(stamp[9..]);
        return FixValue.TryParseUtcTimestampUnixNanos(stamp[..(9 + time.Length)], out var ns) ? ns : fallback;
    }
}
