/// Rises linearly from nothing, then falls linearly back: the shape of every scripted incident.
struct LinearRamp: Sendable {
    enum Phase: Equatable {
        case rising(height: Int)
        case falling(height: Int)
    }

    let risesFrom: Int
    let fallsFrom: Int
    let goneAt: Int
    /// While rising, the height grows by `stepHeight` every `secondsPerStep` seconds.
    let stepHeight: Int
    let secondsPerStep: Int

    init(risesFrom: Int, fallsFrom: Int, goneAt: Int, stepHeight: Int = 1, secondsPerStep: Int = 1) {
        self.risesFrom = risesFrom
        self.fallsFrom = fallsFrom
        self.goneAt = goneAt
        self.stepHeight = stepHeight
        self.secondsPerStep = secondsPerStep
    }

    /// Where the ramp is at a second, or nil outside it.
    func phase(at second: Int) -> Phase? {
        switch second {
        case risesFrom..<fallsFrom:
            return .rising(height: height(after: second - risesFrom))
        case fallsFrom..<goneAt:
            let peak = height(after: fallsFrom - risesFrom)
            return .falling(height: peak * (goneAt - second) / (goneAt - fallsFrom))
        default:
            return nil
        }
    }

    /// The height at a second, 0 outside the ramp.
    func height(at second: Int) -> Int {
        switch phase(at: second) {
        case .rising(let height), .falling(let height): height
        case nil: 0
        }
    }

    private func height(after seconds: Int) -> Int { stepHeight * (seconds / secondsPerStep) }
}
