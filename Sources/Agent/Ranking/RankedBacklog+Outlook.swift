extension RankedBacklog {
    /// Where a process stands against its threshold, which decides its tier in the ranking.
    public enum Outlook: Sendable, Equatable {
        /// Over the threshold, without a break for this many seconds.
        case over(seconds: Double)
        /// Under it, growing clearly, and due to reach it within the horizon: in this many seconds.
        case approaching(seconds: Double)
        /// Under it and shrinking by at least `RankingText.steadyBelow` messages a second.
        case draining
        /// Under it and changing by less than `RankingText.steadyBelow` messages a second.
        case steady
        /// Growing, but still under this floor (`BottleneckRanking.floorFraction` of the threshold):
        /// everyday traffic, whose minute's slope says nothing about the threshold.
        case belowFloor(Double)
        /// Growing, but the minute's rise is within the scatter of its samples around the trend.
        case noisy
        /// Growing clearly, but at this rate it would take longer than the horizon: this many seconds.
        case beyondHorizon(seconds: Double)

        /// Neither over the threshold nor approaching it: the ranking's third tier.
        public var isThirdTier: Bool {
            switch self {
            case .over, .approaching: false
            default: true
            }
        }
    }
}
