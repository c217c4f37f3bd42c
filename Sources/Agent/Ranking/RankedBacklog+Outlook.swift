extension RankedBacklog {
    /// Where a process stands against its threshold, which decides its tier in the ranking.
    public enum Outlook: Sendable, Equatable {
        /// Over the threshold, without a break for this many seconds.
        case over(seconds: Double)
        /// Under it, growing clearly, and due to reach it within the horizon: in this many seconds.
        case approaching(seconds: Double)
        /// Under it and shrinking (at least half a message per second).
        case draining
        /// Under it and neither growing nor shrinking by half a message per second.
        case steady
        /// Growing, but still under the floor (`BottleneckRanking.floorFraction` of the threshold):
        /// everyday traffic, whose minute's slope says nothing about the threshold.
        case belowFloor(Double)
        /// Growing, but the minute's rise is within the scatter of its samples around the trend.
        case noisy
        /// Growing clearly, but at this rate it would take longer than the horizon: this many seconds.
        case beyondHorizon(seconds: Double)

        /// Whether the ranking puts the process in its first two tiers.
        public var isUrgent: Bool {
            switch self {
            case .over, .approaching: true
            default: false
            }
        }
    }
}
