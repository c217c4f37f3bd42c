import Probe
import Testing

@Suite struct URLRedactionTests {
    @Test func removesUserInfo() {
        #expect(URLRedaction.removingUserInfo(from: "http://scraper:hunter2@node1:9199/metrics") == "http://node1:9199/metrics")
        #expect(URLRedaction.removingUserInfo(from: "https://token@node1/metrics?a=b") == "https://node1/metrics?a=b")
        #expect(URLRedaction.removingUserInfo(from: "node1:9199/x") == "node1:9199/x")
    }

    @Test func leavesAtSignsOutsideTheAuthorityAlone() {
        #expect(URLRedaction.removingUserInfo(from: "http://node1/metrics?mail=a@b") == "http://node1/metrics?mail=a@b")
        #expect(URLRedaction.removingUserInfo(from: "http://node1/a@b") == "http://node1/a@b")
    }

    @Test func findsTheHost() {
        #expect(URLRedaction.host(of: "http://u:p@node1.example:9199/metrics") == "node1.example")
        #expect(URLRedaction.host(of: "http://[::1]:9199/") == "::1")
        #expect(URLRedaction.host(of: "http:///x") == nil)
    }
}
