import History
import Testing

/// The fair-share rule alone: who is refused for a given set of new-series counts.
@Suite struct SeriesBudgetRuleTests {
    @Test func everythingIsTakenWhileItFits() {
        #expect(SeriesBudget(maxSeries: 1000).refused(newSeries: [400, 500], live: 100).isEmpty)
    }

    @Test func offTakesEverything() {
        #expect(SeriesBudget(maxSeries: 0).refused(newSeries: [50_000], live: 10_000_000).isEmpty)
    }

    @Test func theTargetFarOverItsShareIsRefusedAndTheSteadyOnesAreNot() {
        // 200 of headroom among three adders: 2 and 5 fit their shares, 50,000 does not.
        #expect(SeriesBudget(maxSeries: 10_000).refused(newSeries: [2, 50_000, 5], live: 9800) == [1])
    }

    @Test func atTheBudgetTheReserveStillTakesAFewNewSeries() {
        let budget = SeriesBudget(maxSeries: 10_000)
        #expect(budget.reserve == 100)
        #expect(budget.refused(newSeries: [1, 50_000], live: 10_000) == [1])
        #expect(budget.refused(newSeries: [1, 3], live: 12_000).isEmpty)
    }

    @Test func everyAdderAtLeastAsLargeAsTheFirstRefusedIsRefused() {
        // Room 300: 10 fits (share 100); 200 is over its share (145), and so is the other 200.
        #expect(SeriesBudget(maxSeries: 1000).refused(newSeries: [200, 10, 200], live: 700) == [0, 2])
    }
}
