import Foundation

extension BinaryOperator {
    /// The value an operator gives and whether the element is kept: arithmetic always keeps,
    /// comparisons keep the left value when they hold.
    func apply(_ lhs: Double, _ rhs: Double) -> (value: Double, keep: Bool) {
        isComparison ? (lhs, holds(lhs, rhs)) : (arithmetic(lhs, rhs), true)
    }

    /// Scalar with scalar: comparisons (always with `bool`) give 1 or 0.
    func scalarResult(_ lhs: Double, _ rhs: Double) -> Double {
        isComparison ? (holds(lhs, rhs) ? 1 : 0) : arithmetic(lhs, rhs)
    }

    func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .equal: lhs == rhs
        case .notEqual: lhs != rhs
        case .greater: lhs > rhs
        case .less: lhs < rhs
        case .greaterOrEqual: lhs >= rhs
        case .lessOrEqual: lhs <= rhs
        default: preconditionFailure("\(rawValue) is not a comparison")
        }
    }

    private func arithmetic(_ lhs: Double, _ rhs: Double) -> Double {
        switch self {
        case .add: lhs + rhs
        case .subtract: lhs - rhs
        case .multiply: lhs * rhs
        case .divide: lhs / rhs
        // Go's math.Mod is C's fmod: the sign follows the dividend.
        case .modulo: lhs.truncatingRemainder(dividingBy: rhs)
        case .power: pow(lhs, rhs)
        default: preconditionFailure("\(rawValue) is not arithmetic")
        }
    }
}
