import Testing
@testable import Query

/// Arithmetic, comparisons, set operators and vector matching.
@Suite struct BinaryOperatorTests {
    /// The example from Prometheus's documentation on vector matching.
    let fixture = Fixture([
        series(#"errors{method="get",code="500"}"#, [(0, 24)]), series(#"errors{method="get",code="404"}"#, [(0, 30)]),
        series(#"errors{method="put",code="501"}"#, [(0, 3)]), series(#"errors{method="post",code="500"}"#, [(0, 6)]),
        series(#"errors{method="post",code="404"}"#, [(0, 21)]),
        series(#"requests{method="get"}"#, [(0, 600)]), series(#"requests{method="del"}"#, [(0, 34)]),
        series(#"requests{method="post"}"#, [(0, 120)]),
        series(#"owner{method="get",team="web"}"#, [(0, 1)]), series(#"owner{method="post",team="api"}"#, [(0, 1)]),
    ])

    @Test func precedenceAndAssociativityEvaluateAsPrometheus() throws {
        #expect(try fixture.value("2 ^ 3 ^ 2", at: 0) == 512)
        #expect(try fixture.value("-2 ^ 2", at: 0) == -4)
        #expect(try fixture.value("(-2) ^ 2", at: 0) == 4)
        #expect(try fixture.value("1 + 2 * 3", at: 0) == 7)
        #expect(try fixture.value("10 - 4 - 3", at: 0) == 3)
        #expect(try fixture.value("2 * 3 % 4", at: 0) == 2)
        #expect(try fixture.value("-7 % 3", at: 0) == -1)
        #expect(try fixture.value("1 / 0", at: 0) == .infinity)
        #expect(try fixture.value("0 / 0", at: 0)?.isNaN == true)
        #expect(try fixture.value("2 > bool 1", at: 0) == 1)
        #expect(try fixture.value("1 + 2 == bool 3", at: 0) == 1)
    }

    @Test func vectorScalarArithmeticDropsTheNameAndComparisonsFilter() throws {
        #expect(try fixture.vector(#"errors{method="put"} * 2"#, at: 0) == [#"{code="501", method="put"}"#: 6])
        #expect(try fixture.vector(#"100 - errors{method="put"}"#, at: 0) == [#"{code="501", method="put"}"#: 97])
        // A comparison keeps the series as it is, name included, and filters.
        #expect(try fixture.vector("errors > 23", at: 0)
            == [#"errors{code="500", method="get"}"#: 24, #"errors{code="404", method="get"}"#: 30])
        // With the scalar on the left the vector's value is kept.
        #expect(try fixture.vector("30 <= errors", at: 0) == [#"errors{code="404", method="get"}"#: 30])
        // bool gives 1 or 0 for every series and drops the name.
        #expect(try fixture.vector(#"errors{method="get"} > bool 25"#, at: 0)
            == [#"{code="500", method="get"}"#: 0, #"{code="404", method="get"}"#: 1])
    }

    @Test func oneToOneMatchingOnAndIgnoring() throws {
        // 24 / 600 and 6 / 120.
        #expect(try fixture.vector(#"errors{code="500"} / ignoring(code) requests"#, at: 0)
            == [#"{method="get"}"#: 0.04, #"{method="post"}"#: 0.05])
        #expect(try fixture.vector(#"errors{code="500"} / on(method) requests"#, at: 0)
            == [#"{method="get"}"#: 0.04, #"{method="post"}"#: 0.05])
        // Comparisons keep the left side's labels (and name), narrowed by on().
        #expect(try fixture.vector(#"errors{code="500"} < ignoring(code) requests"#, at: 0)
            == [#"errors{method="get"}"#: 24, #"errors{method="post"}"#: 6])
    }

    @Test func groupLeftCopiesExtraLabelsFromTheOneSide() throws {
        // 24/600, 30/600, 6/120, 21/120.
        #expect(try fixture.vector("errors / ignoring(code) group_left requests", at: 0) == [
            #"{code="500", method="get"}"#: 0.04, #"{code="404", method="get"}"#: 0.05,
            #"{code="500", method="post"}"#: 0.05, #"{code="404", method="post"}"#: 0.175,
        ])
        // `team` comes from the "one" side; a comparison keeps the "many" side's name.
        #expect(try fixture.vector("errors > on(method) group_left(team) owner", at: 0) == [
            #"errors{code="500", method="get", team="web"}"#: 24, #"errors{code="404", method="get", team="web"}"#: 30,
            #"errors{code="500", method="post", team="api"}"#: 6, #"errors{code="404", method="post", team="api"}"#: 21,
        ])
        // group_right: the right side is the "many" side.
        #expect(try fixture.vector("requests / on(method) group_right errors", at: 0).count == 4)
    }

    @Test func manyToManyAndAmbiguousMatchesAreErrors() throws {
        #expect(fixture.error("errors / ignoring(code) requests")
            == "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")
        #expect(fixture.error("requests / ignoring(code) group_left errors")
            == #"found duplicate series for the match group {method="get"} on the right hand-side of the operation: "#
            + #"[{__name__="errors", code="500", method="get"}, {__name__="errors", code="404", method="get"}]"#
            + ";many-to-many matching not allowed: matching labels must be unique on one side")
        #expect(fixture.error("errors / on(method) group_right requests").hasPrefix(
            #"found duplicate series for the match group {method="get"} on the left hand-side"#))
        #expect(fixture.error("errors / on() group_left requests").hasPrefix("found duplicate series"))
    }

    @Test func setOperatorsMatchOnLabelsWithoutTheName() throws {
        let sets = Fixture([
            series(#"a{k="1"}"#, [(0, 1)]), series(#"a{k="2"}"#, [(0, 2)]),
            series(#"b{k="2"}"#, [(0, 20)]), series(#"b{k="3"}"#, [(0, 30)]),
        ])
        #expect(try sets.vector("a and b", at: 0) == [#"a{k="2"}"#: 2])
        #expect(try sets.vector("a unless b", at: 0) == [#"a{k="1"}"#: 1])
        #expect(try sets.vector("a or b", at: 0) == [#"a{k="1"}"#: 1, #"a{k="2"}"#: 2, #"b{k="3"}"#: 30])
        #expect(try sets.vector("a and on() b", at: 0).count == 2)
        #expect(try sets.vector("a unless on() b", at: 0).isEmpty)
        #expect(try sets.ordered("a or b", at: 0) == [#"a{k="1"} 1"#, #"a{k="2"} 2"#, #"b{k="3"} 30"#])
    }

    @Test func arithmeticResultsThatCollideAreRefused() throws {
        let twoNames = Fixture([series(#"a{k="1"}"#, [(0, 1)]), series(#"b{k="1"}"#, [(0, 2)])])
        #expect(twoNames.error(#"{__name__=~"a|b"} * 2"#) == "vector cannot contain metrics with the same labelset")
        #expect(try twoNames.vector(#"{__name__=~"a|b"} > 0"#, at: 0).count == 2)
    }
}
