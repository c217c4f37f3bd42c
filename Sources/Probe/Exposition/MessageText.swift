import TimeSeries

/// Input-derived text for error messages, escaped and shortened, so a huge token makes a short message.
enum MessageText {
    /// `"text"`, escaped as label values are, cut after `limit` characters with an ellipsis;
    /// `continues` says the text was already cut before it got here.
    static func quoted(_ text: String, limit: Int = 40, continues: Bool = false) -> String {
        let shown = text.prefix(limit)
        let isCut = continues || shown.endIndex != text.endIndex
        return "\"\(Labels.escape(String(shown)))\(isCut ? "…" : "")\""
    }

    /// The text cut after `limit` characters with an ellipsis.
    static func shortened(_ text: String, limit: Int = 200) -> String {
        let shown = text.prefix(limit)
        return shown.endIndex == text.endIndex ? text : String(shown) + "…"
    }
}
