/// The dashboard as plain text, for when standard output is not a terminal: the caller prints
/// this every poll interval instead of drawing frames.
public enum PlainTextReport {
    /// The fleet view drawn `width` columns wide and `height` rows tall with ASCII symbols and
    /// no styles, trailing blanks trimmed.
    public static func render(_ model: DashboardModel, width: Int = 100, height: Int = 40) -> String {
        let buffer = FleetView(model: model, state: DashboardState(), appearance: .plain).render(width: width, height: height)
        return AnsiText.render(buffer, styled: false)
    }
}
