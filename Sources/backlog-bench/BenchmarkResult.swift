/// One measured figure, printed as `name value unit`.
struct BenchmarkResult {
    var name: String
    var value: Double
    var unit: String

    var line: String {
        let text = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format3(value))
        return "\(name) \(text) \(unit)"
    }

    private func format3(_ value: Double) -> String {
        let scaled = (value * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
