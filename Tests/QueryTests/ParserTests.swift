import Testing
@testable import Query

@Suite struct ParserTests {
    @Test func precedenceAndAssociativityFollowPrometheus() {
        #expect(parsed("1 + 2 * 3") == "(1 + (2 * 3))")
        #expect(parsed("2 ^ 3 ^ 2") == "(2 ^ (3 ^ 2))")
        #expect(parsed("-2 ^ 2") == "-(2 ^ 2)")
        #expect(parsed("-2 * 2") == "(-2 * 2)")
        #expect(parsed("1 - 2 - 3") == "((1 - 2) - 3)")
        #expect(parsed("a or b and c unless d") == "(a or ((b and c) unless d))")
        #expect(parsed("a > b + c * d ^ e") == "(a > (b + (c * (d ^ e))))")
        #expect(parsed("a == bool b") == "(a == bool b)")
        #expect(parsed("-x offset 5m") == "-x offset 300000ms")
        #expect(parsed("a ^ b offset 1m") == "(a ^ b offset 60000ms)")
        #expect(parsed("(1 + 2) * 3") == "(((1 + 2)) * 3)")
        #expect(parsed("- - 1") == "1")
    }

    @Test func numberLiteralsIncludeHexOctalExponentsInfNaNAndDurations() {
        #expect(parsed("0x1F") == "31")
        #expect(parsed("010") == "8")
        #expect(parsed("08") == "8")
        #expect(parsed("1e3") == "1000")
        #expect(parsed(".5") == "0.5")
        #expect(parsed("Inf") == "inf")
        #expect(parsed("-inf") == "-inf")
        #expect(parsed("NaN") == "nan")
        #expect(parsed("5m") == "300")
        #expect(parsed("1h30m") == "5400")
        #expect(parsed("1e") == #"error: 1:1: error parsing number: strconv.ParseFloat: parsing "1e": invalid syntax"#)
        #expect(parsed("1h1h") == #"error: 1:1: not a valid duration string: "1h1h""#)
        #expect(parsed("5x") == #"error: 1:1: bad number or duration syntax: "5""#)
    }

    @Test func stringsResolveEscapesInAllThreeQuotes() {
        #expect(parsed(#""a\nb\t\"c\\""#) == "\"a\nb\t\"c\\\"")
        #expect(parsed(#"'it\'s'"#) == "\"it's\"")
        #expect(parsed(#"`raw\n`"#) == "\"raw\\n\"")
        #expect(parsed(#""\x41\101\u00e9\U0001F600""#) == "\"AAé😀\"")
        #expect(parsed(#""\q""#) == #"error: 1:1: unknown escape sequence U+0071 'q'"#)
        #expect(parsed("\"abc") == "error: 1:1: unterminated quoted string")
        #expect(parsed(#""\xZZ""#) == #"error: 1:1: illegal character U+005A 'Z' in escape sequence"#)
    }

    @Test func selectorsTakeAllMatchersModifiersAndQuotedNames() {
        #expect(parsed(#"up{job="a",env!="b",pod=~"x.*",node!~'y'}"#)
            == #"up{job="a",env!="b",pod=~"x.*",node!~"y"}"#)
        #expect(parsed(#"{"my.metric", job="a"}"#) == #"{__name__="my.metric",job="a"}"#)
        #expect(parsed(#"{"my.label"="v"}"#) == #"{my.label="v"}"#)
        #expect(parsed("up offset -5m") == "up offset -300000ms")
        #expect(parsed("up @ 1609746000") == "up @ 1609746000000ms")
        #expect(parsed("up @ start()") == "up @ start()")
        #expect(parsed("rate(up[5m] offset 1h @ end())") == "rate(up[300000ms] offset 3600000ms @ end())")
        #expect(parsed("up[90]") == "up[90000ms]")
        #expect(parsed("max_over_time(rate(up[1m])[1h:30s])") == "max_over_time((rate(up[60000ms]))[3600000ms:30000ms])")
        #expect(parsed("sum by (job) (up) offset 5m") != "")
        #expect(parsed("count") == "count")
        #expect(parsed("sum + by") == "(sum + by)")
    }

    @Test func aggregationsTakeGroupingBeforeOrAfterTheArguments() {
        #expect(parsed("sum by (job, le) (x)") == "sum by(job,le)(x)")
        #expect(parsed("sum(x) without (instance,)") == "sum without(instance)(x)")
        #expect(parsed("topk(3, x)") == "topk(3, x)")
        #expect(parsed(#"count_values("v", x)"#) == #"count_values("v", x)"#)
        #expect(parsed("sum by (sum, on, offset) (x)") == "sum by(sum,on,offset)(x)")
        #expect(parsed("a * on(job) group_left(node, pod) b") == "(a * on(job) group_left(node,pod) b)")
        #expect(parsed("a + ignoring(x) group_right b") == "(a + ignoring(x) group_right() b)")
    }

    @Test func syntaxErrorsGivePositionAndWhatWasExpected() {
        #expect(parsed(#"rate(foo{bar=}[5m])"#) == #"error: 1:14: unexpected "}" in label matching, expected string"#)
        #expect(parsed("foo{bar}") == #"error: 1:8: unexpected "}" in label matching, expected label matching operator"#)
        #expect(parsed("foo{=\"a\"}") == #"error: 1:5: unexpected "=" in label matching, expected identifier or "}""#)
        #expect(parsed(#"foo{a="b" c="d"}"#) == #"error: 1:11: unexpected identifier "c" in label matching, expected "," or "}""#)
        #expect(parsed("sum(x) by") == #"error: 1:10: unexpected end of input in grouping opts, expected "(""#)
        #expect(parsed("sum by (a b) (x)") == #"error: 1:11: unexpected identifier "b" in grouping opts, expected "," or ")""#)
        #expect(parsed("sum 1") == #"error: 1:5: unexpected number "1""#)
        #expect(parsed("sum by (a) 1") == #"error: 1:12: unexpected number "1" in aggregation"#)
        #expect(parsed("sum(x y)") == #"error: 1:7: unexpected identifier "y" in aggregation"#)
        #expect(parsed("1 +") == "error: 1:4: unexpected end of input")
        #expect(parsed("foo bar") == #"error: 1:5: unexpected identifier "bar""#)
        #expect(parsed("foo[5m") == "error: 1:7: unclosed left bracket")
        #expect(parsed("sum(x") == "error: 1:6: unclosed left parenthesis")
        #expect(parsed("foo[5m:1m:]") == "error: 1:10: unexpected colon ':'")
        #expect(parsed("foo[]") == #"error: 1:5: unexpected "]" in subquery selector, expected number or duration"#)
        #expect(parsed("foo[5m 1m]") == #"error: 1:8: unexpected duration "1m" in subquery or range, expected ":" or "]""#)
        #expect(parsed("foo offset bar") == #"error: 1:12: unexpected identifier "bar" in offset, expected number or duration"#)
        #expect(parsed("foo @ bar") == #"error: 1:7: unexpected identifier "bar" in @, expected timestamp"#)
        #expect(parsed("rate(x[5m],)") == "error: 1:11: trailing commas not allowed in function call args")
        #expect(parsed("a & b") == "error: 1:3: unexpected character: '&'")
        #expect(parsed("foo{a!b=\"c\"}") == "error: 1:6: unexpected character after '!' inside braces: 'b'")
        #expect(parsed("a + on b") == #"error: 1:8: unexpected identifier "b" in grouping opts, expected "(""#)
        #expect(parsed("sum(x) by (a) by (b)") == "error: 1:15: unexpected <by>")
        #expect(parsed("a +\n  b{c=}") == #"error: 2:7: unexpected "}" in label matching, expected string"#)
        #expect(parsed("  ") == "error: 1:1: no expression found in input")
        #expect(parsed("x{a=~\"(\"}") == "error: 1:3: error parsing regexp: invalid regular expression: `(`")
    }

    @Test func typeErrorsUsePrometheusWording() {
        #expect(parsed("rate(x)") == #"error: 1:6: expected type range vector in call to function "rate", got instant vector"#)
        #expect(parsed("abs(x[5m])") == #"error: 1:5: expected type instant vector in call to function "abs", got range vector"#)
        #expect(parsed("rate(x[5m], 1)") == #"error: 1:1: expected 1 argument(s) in call to "rate", got 2"#)
        #expect(parsed("round()") == #"error: 1:1: expected at least 1 argument(s) in call to "round", got 0"#)
        #expect(parsed("round(x, 1, 2)") == #"error: 1:1: expected at most 2 argument(s) in call to "round", got 3"#)
        #expect(parsed("label_join(x, \"a\")") == #"error: 1:1: expected at least 3 argument(s) in call to "label_join", got 2"#)
        #expect(parsed("sum(x[5m])") == "error: 1:5: expected type instant vector in aggregation expression, got range vector")
        #expect(parsed("topk(\"a\", x)") == "error: 1:6: expected type scalar in aggregation parameter, got string")
        #expect(parsed("sum()") == "error: 1:1: no arguments for aggregate expression provided")
        #expect(parsed("topk(x)") == "error: 1:1: wrong number of arguments for aggregate expression provided, expected 2, got 1")
        #expect(parsed("1 == 1") == "error: 1:3: comparisons between scalars must use BOOL modifier")
        #expect(parsed("a + bool b") == "error: 1:3: bool modifier can only be used on comparison operators")
        #expect(parsed("a * on(x) group_left(x) b") == #"error: 1:3: label "x" must not occur in ON and GROUP clause at once"#)
        #expect(parsed("a and on(x) group_left b") == #"error: 1:1: no grouping allowed for "and" operation"#)
        #expect(parsed("1 and a") == #"error: 1:1: set operator "and" not allowed in binary scalar expression"#)
        #expect(parsed("x[5m] + 1") == "error: 1:1: binary expression must contain only scalar and instant vector types")
        #expect(parsed("1 + on(a) x") == "error: 1:1: vector matching only allowed between instant vectors")
        #expect(parsed("-x[5m]") == #"error: 1:1: unary expression only allowed on expressions of type scalar or instant vector, got "range vector""#)
        #expect(parsed("x[5m][10m:]") == "error: 1:1: subquery is only allowed on instant vector, got matrix instead")
        #expect(parsed("{}") == "error: 1:1: vector selector must contain at least one non-empty matcher")
        #expect(parsed(#"{job=~".*"}"#) == "error: 1:1: vector selector must contain at least one non-empty matcher")
        #expect(parsed(#"foo{__name__="bar"}"#) == #"error: 1:1: metric name must not be set twice: "foo" or "bar""#)
        #expect(parsed("(x)[5m]") == "error: 1:4: ranges only allowed for vector selectors")
        #expect(parsed("x offset 5m [1m]") == "error: 1:13: no offset modifiers allowed before range")
        #expect(parsed("sum(x) offset 5m") == "error: 1:1: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery")
        #expect(parsed("x offset 1m offset 2m") == "error: 1:1: offset may not be set multiple times")
        #expect(parsed("x @ 1 @ 2") == "error: 1:1: @ <timestamp> may not be set multiple times")
    }

    @Test func unsupportedConstructsAreRefusedWithTheirPosition() {
        #expect(parsed("holt_winters(x[5m], 0.5, 0.5)") == #"error: not supported: function "holt_winters" at 1:1"#)
        #expect(parsed("1 + info(up)") == #"error: not supported: function "info" at 1:5"#)
        #expect(parsed("histogram_count(x)") == #"error: not supported: function "histogram_count" at 1:1"#)
        #expect(parsed("no_such_function(x)") == #"error: not supported: function "no_such_function" at 1:1"#)
        #expect(parsed("a atan2 b") == #"error: not supported: operator "atan2" at 1:3"#)
        #expect(parsed("limitk(2, x)") == #"error: not supported: aggregation "limitk" at 1:1"#)
        #expect(parsed("sum(\n  limit_ratio(0.5, x))") == #"error: not supported: aggregation "limit_ratio" at 2:3"#)
    }
}
