namespace ScalpLang.Runtime.Book;

/// <summary>
/// What an update did. A rejected update leaves the book unchanged: bad or inconsistent data
/// is reported to the caller (who knows the file and line) instead of corrupting the book or
/// throwing on the hot path.
/// </summary>
public enum BookUpdateOutcome : byte
{
    /// <summary>Applied to a known order (or, for adds and level updates, applied).</summary>
    Applied = 0,

    /// <summary>
    /// The order id was never added (it rested before the data started, or sits in size seeded
    /// from a snapshot); the size came out of its level's unattributed size instead.
    /// </summary>
    AppliedToUnattributed = 1,

    /// <summary>An add reused the id of an order still resting.</summary>
    DuplicateOrderId = 2,

    /// <summary>The order id is unknown and its level has too little unattributed size to account for it.</summary>
    UnknownOrder = 3,

    /// <summary>A cancel or execution larger than the order's remaining size.</summary>
    SizeExceedsOrder = 4,

    /// <summary>The event's side or price disagrees with the known order's.</summary>
    OrderMismatch = 5,

    /// <summary>Size not positive (or negative for level updates), or side not Buy/Sell.</summary>
    Invalid = 6,
}
