import Foundation
import Testing
@testable import TimeSeries

/// Prometheus's relabelling, checked against cases from Prometheus's own relabel tests.
@Suite struct RelabelTests {
    func run(_ input: [String: String], _ configs: [RelabelConfig]) -> [String: String]? {
        Relabeler.apply(configs, to: Labels(input)).map { labels in
            Dictionary(uniqueKeysWithValues: labels.map { ($0.name, $0.value) })
        }
    }

    @Test func replaceWithGroupsAndDefaults() throws {
        let configs = [try RelabelConfig(sourceLabels: ["a"], regex: "f(.*)", targetLabel: "d", replacement: "ch${1}-ch${1}")]
        #expect(run(["a": "foo", "b": "bar"], configs) == ["a": "foo", "b": "bar", "d": "choo-choo"])
        #expect(run(["a": "boo"], configs) == ["a": "boo"], "no match, no change: the regex is fully anchored")
    }

    @Test func regexIsFullyAnchored() throws {
        let configs = [try RelabelConfig(sourceLabels: ["a"], regex: "f", targetLabel: "b", replacement: "bar")]
        #expect(run(["a": "foo"], configs) == ["a": "foo"])
        #expect(run(["a": "f"], configs) == ["a": "f", "b": "bar"])
    }

    @Test func joinedSourcesWithSeparator() throws {
        let configs = [try RelabelConfig(sourceLabels: ["a", "b"], separator: ";", regex: "(.*);(.*)", targetLabel: "c", replacement: "$2-$1")]
        #expect(run(["a": "x", "b": "y"], configs) == ["a": "x", "b": "y", "c": "y-x"])
        #expect(run(["a": "x"], configs) == ["a": "x", "c": "-x"], "a missing label joins as empty")
    }

    @Test func targetLabelFromGroupsAndInvalidTargets() throws {
        let valid = [try RelabelConfig(sourceLabels: ["a"], regex: "some-([^-]+)-([^,]+)", targetLabel: "${1}", replacement: "${2}")]
        #expect(run(["a": "some-name-value"], valid) == ["a": "some-name-value", "name": "value"])
        let emptyValue = [try RelabelConfig(sourceLabels: ["a"], regex: "some-([^-]+)-([^,]+)", targetLabel: "${1}", replacement: "${3}")]
        #expect(run(["a": "some-name-value"], emptyValue) == ["a": "some-name-value"], "an empty value sets nothing")
        let invalid = [try RelabelConfig(sourceLabels: ["a"], regex: "some-([^-]+)-([^,]+)", targetLabel: "${3}", replacement: "${1}")]
        #expect(run(["a": "some-name-0"], invalid) == ["a": "some-name-0"], "an invalid target name sets nothing")
    }

    @Test func namedGroupsAndBothDollarForms() throws {
        let configs = [
            try RelabelConfig(sourceLabels: ["a"], regex: "(line1).*(?P<second>line2)", targetLabel: "label1_${1}", replacement: "val_${second}"),
            try RelabelConfig(sourceLabels: ["a"], regex: "(line1).*(?P<second>line2)", targetLabel: "label2_$1", replacement: "val_$second"),
            try RelabelConfig(sourceLabels: ["a"], regex: "line1.*line2", targetLabel: "d", replacement: "match${1}"),
            try RelabelConfig(sourceLabels: ["a"], regex: "(line1).*", targetLabel: "e", replacement: "$$1 $1x"),
        ]
        #expect(run(["a": "line1\nline2"], configs) == [
            "a": "line1\nline2", "label1_line1": "val_line2", "label2_line1": "val_line2", "d": "match", "e": "$1 ",
        ])
    }

    @Test func keepAndDrop() throws {
        let keep = [try RelabelConfig(sourceLabels: ["job"], regex: "chat|mail", action: .keep)]
        #expect(run(["job": "chat"], keep) != nil)
        #expect(run(["job": "chatter"], keep) == nil)
        let drop = [try RelabelConfig(sourceLabels: ["__name__"], regex: "scrape_.*", action: .drop)]
        #expect(run(["__name__": "scrape_duration_seconds"], drop) == nil)
        #expect(run(["__name__": "up"], drop) == ["__name__": "up"])
    }

    @Test func hashmodMatchesPrometheus() throws {
        let configs = [try RelabelConfig(sourceLabels: ["c"], targetLabel: "d", modulus: 1000, action: .hashmod)]
        #expect(run(["a": "foo", "b": "bar", "c": "baz"], configs)?["d"] == "976")
        let newline = [try RelabelConfig(sourceLabels: ["a"], targetLabel: "b", modulus: 1000, action: .hashmod)]
        #expect(run(["a": "foo\nbar"], newline)?["b"] == "734")
    }

    @Test func md5KnownDigests() {
        let hex = { (text: String) in MD5.digest(Array(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hex("abc") == "900150983cd24fb0d6963f7d28e17f72")
        #expect(hex(String(repeating: "a", count: 1000)) == "cabe45dcc9ae5b66ba86600cca6b8ba8")
        #expect(hex(String(repeating: "a", count: 56)) == "3b0c8ac703f828b04c6c197006d17218", "padding spills into a second block")
        #expect(hex(String(repeating: "a", count: 64)) == "014842d480b571495a4a0363793f7367")
    }

    @Test func labelmapLabeldropLabelkeep() throws {
        let map = [try RelabelConfig(regex: "__meta_(my.*)", replacement: "${1}", action: .labelmap)]
        #expect(run(["a": "foo", "__meta_my_bar": "aaa", "__meta_my_baz": "bbb", "__meta_other": "ccc"], map) == [
            "a": "foo", "__meta_my_bar": "aaa", "__meta_my_baz": "bbb", "__meta_other": "ccc", "my_bar": "aaa", "my_baz": "bbb",
        ])
        let keep = [try RelabelConfig(regex: "(b.*)", action: .labelkeep)]
        #expect(run(["a": "foo", "b1": "bar", "b2": "baz"], keep) == ["b1": "bar", "b2": "baz"])
        let drop = [try RelabelConfig(regex: "(b.*)", action: .labeldrop)]
        #expect(run(["a": "foo", "b1": "bar", "b2": "baz"], drop) == ["a": "foo"])
        #expect(run(["b1": "bar"], drop) == nil, "a series left without labels is dropped")
    }

    @Test func lowercaseUppercaseAndEquality() throws {
        let cases = [
            try RelabelConfig(sourceLabels: ["foo"], targetLabel: "foo_uppercase", action: .uppercase),
            try RelabelConfig(sourceLabels: ["foo"], targetLabel: "foo_lowercase", action: .lowercase),
        ]
        #expect(run(["foo": "bAr123Foo"], cases) == ["foo": "bAr123Foo", "foo_lowercase": "bar123foo", "foo_uppercase": "BAR123FOO"])
        let ports = ["__tmp_port": "1234", "__port1": "1234", "__port2": "5678"]
        #expect(run(ports, [try RelabelConfig(sourceLabels: ["__tmp_port"], targetLabel: "__port1", action: .keepequal)]) == ports)
        #expect(run(ports, [try RelabelConfig(sourceLabels: ["__tmp_port"], targetLabel: "__port1", action: .dropequal)]) == nil)
        #expect(run(ports, [try RelabelConfig(sourceLabels: ["__tmp_port"], targetLabel: "__port2", action: .keepequal)]) == nil)
    }

    @Test func checksLikePrometheus() {
        #expect(throws: RelabelConfigError.self) { try RelabelConfig(action: .replace) }
        #expect(throws: RelabelConfigError.self) { try RelabelConfig(targetLabel: "x", action: .hashmod) }
        #expect(throws: RelabelConfigError.self) { try RelabelConfig(regex: "(", targetLabel: "x") }
        #expect(throws: RelabelConfigError.self) { try RelabelConfig(sourceLabels: ["a"], regex: "x", action: .labeldrop) }
        #expect(throws: RelabelConfigError.self) { try RelabelConfig(targetLabel: "-bad") }
    }
}
