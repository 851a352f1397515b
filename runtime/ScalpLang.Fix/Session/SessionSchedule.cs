namespace ScalpLang.Fix.Session;

/// <summary>
/// When a session may be logged on, in UTC: daily from StartTime to EndTime (a window may wrap
/// midnight), or weekly from StartDay StartTime to EndDay EndTime. StartTime equal to EndTime
/// means a 24-hour session, as in QuickFIX. <see cref="PeriodStart"/> is when the current
/// session period began: a store created before it holds the previous period's sequence numbers.
/// </summary>
public sealed record SessionSchedule(TimeOnly? StartTime, TimeOnly? EndTime, DayOfWeek? StartDay = null, DayOfWeek? EndDay = null)
{
    public static SessionSchedule Always { get; } = new(null, null);

    public bool IsAlways => StartTime is null;

    public bool IsInSession(DateTime utc) => IsAlways || PeriodStart(utc) is not null;

    /// <summary>The start of the session period holding <paramref name="utc"/>, or null outside every period.</summary>
    public DateTime? PeriodStart(DateTime utc)
    {
        if (StartTime is not { } start || EndTime is not { } end)
            return null;
        if (StartDay is { } startDay && EndDay is { } endDay)
        {
            var startOffset = TimeSpan.FromDays((int)startDay) + start.ToTimeSpan();
            var endOffset = TimeSpan.FromDays((int)endDay) + end.ToTimeSpan();
            var week = utc.Date.AddDays(-(int)utc.DayOfWeek);
            for (var w = -1; w <= 0; w++)
            {
                var from = week.AddDays(7 * w) + startOffset;
                var to = week.AddDays(7 * w) + endOffset;
                if (to <= from)
                    to = to.AddDays(7);
                if (utc >= from && utc < to)
                    return from;
            }
            return null;
        }
        for (var d = -1; d <= 0; d++)
        {
            var from = utc.Date.AddDays(d) + start.ToTimeSpan();
            var to = utc.Date.AddDays(d) + end.ToTimeSpan();
            if (to <= from)
                to = to.AddDays(1);
            if (utc >= from && utc < to)
                return from;
        }
        return null;
    }

    internal static SessionSchedule From(SessionSettings.Reader reader)
    {
        var start = reader.Time("StartTime");
        var end = reader.Time("EndTime");
        if (start is null != end is null)
            throw reader.Bad(start is null ? "StartTime" : "EndTime", "StartTime and EndTime go together");
        var startDay = reader.Day("StartDay");
        var endDay = reader.Day("EndDay");
        if (startDay is null != endDay is null)
            throw reader.Bad(startDay is null ? "StartDay" : "EndDay", "StartDay and EndDay go together");
        if (startDay is not null && start is null)
            throw reader.Bad("StartDay", "a weekly schedule needs StartTime and EndTime");
        return start is null ? Always : new SessionSchedule(start, end, startDay, endDay);
    }
}
