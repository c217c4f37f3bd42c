#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A theme plus a symbol set: everything about how views look that is not layout.
public struct Appearance: Hashable, Sendable {
    public var theme: Theme
    public var symbols: Symbols

    public init(theme: Theme = .standard, symbols: Symbols = .unicode) {
        self.theme = theme
        self.symbols = symbols
    }

    public static let standard = Appearance()
    /// No color and ASCII only: for `NO_COLOR` on a terminal that is not UTF-8, and for tests.
    public static let plain = Appearance(theme: .monochrome, symbols: .ascii)

    /// Monochrome under `NO_COLOR`; ASCII symbols unless the locale (`LC_ALL`, `LC_CTYPE`, `LANG`,
    /// first one set) says UTF-8.
    public static func fromEnvironment() -> Appearance {
        let theme: Theme = ColorMode.fromEnvironment() == .noColor ? .monochrome : .standard
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { name -> String? in
            guard let value = getenv(name) else { return nil }
            let text = String(cString: value)
            return text.isEmpty ? nil : text
        }.first ?? ""
        let utf8 = locale.lowercased().contains("utf-8") || locale.lowercased().contains("utf8")
        return Appearance(theme: theme, symbols: utf8 ? .unicode : .ascii)
    }
}
