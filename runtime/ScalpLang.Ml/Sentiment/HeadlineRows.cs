using Microsoft.ML.Data;

namespace ScalpLang.Ml.Sentiment;

/// <summary>The ML.NET input row: a headline's text (and its label when training).</summary>
public sealed class HeadlineRow
{
    public string Text { get; set; } = "";
    public bool Label { get; set; }
}

/// <summary>The ML.NET output row of a calibrated binary classifier.</summary>
public sealed class HeadlinePrediction
{
    [ColumnName("Probability")]
    public float Probability { get; set; }

    [ColumnName("Score")]
    public float Score { get; set; }
}
