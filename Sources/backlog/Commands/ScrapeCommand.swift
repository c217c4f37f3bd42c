import ArgumentParser

/// `backlog scrape`: fetch and parse once.
struct ScrapeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scrape", abstract: "Fetch and parse an exposition once.")

    func run() async throws {}
}
