/// How sample values are written as text, matching Prometheus (`NaN`, `+Inf`, `-Inf`, shortest form).
public enum SampleValueFormat {
    public static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
