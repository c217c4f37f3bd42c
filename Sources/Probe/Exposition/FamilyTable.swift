import TimeSeries

/// The metric families met so far, in document order, and which family each sample name belongs to.
struct FamilyTable {
    /// What the parser knows about one family.
    struct Family {
        var name: String
        var type: MetricType
        var help: String?
        var unit: String?
        var sampleCount = 0
    }

    /// The family of a sample name and the suffix that tied it there.
    struct Attribution {
        var family: Int
        var suffix: MetricSuffix
    }

    /// The metadata lines a family may have, once each, before its samples.
    enum MetadataKind: String, Hashable {
        case help = "HELP"
        case type = "TYPE"
        case unit = "UNIT"
    }

    /// An attribution worked out once per sample name, valid while `generation` is current.
    private struct CachedAttribution {
        var attribution: Attribution
        var generation: Int
    }

    private(set) var families: [Family] = []
    private var indexByName: [String: Int] = [:]
    /// By interned sample-name id. Metadata that could change an answer bumps `generation`
    /// instead of clearing the cache, so many families cost no more than few.
    private var attributionByNameID: [CachedAttribution?] = []
    private var generation = 0
    let untypedType: MetricType

    init(untypedType: MetricType) {
        self.untypedType = untypedType
    }

    /// Makes room for `count` families, so a caller that knows roughly how many to expect (the
    /// last exposition of the same target had them) saves the name table's regrowth.
    mutating func reserveCapacity(_ count: Int) {
        families.reserveCapacity(count)
        indexByName.reserveCapacity(count)
    }

    /// The family a metadata line names, created when it is new.
    mutating func family(named name: String) -> Int {
        if let index = indexByName[name] { return index }
        // A name that matched another family through a suffix now matches this one exactly.
        generation += 1
        return add(name)
    }

    /// The family a sample belongs to: the family of that exact name, or the family whose name is
    /// the sample name without a suffix its type allows, or else a new untyped family.
    mutating func attribute(nameID: Int32, name: @autoclosure () -> String) -> Attribution {
        let id = Int(nameID)
        if id < attributionByNameID.count, let known = attributionByNameID[id], known.generation == generation {
            return known.attribution
        }
        let name = name()
        // A family made for a sample is untyped, so it takes no suffixes and changes no other answer.
        let attribution = findFamily(of: name) ?? Attribution(family: add(name), suffix: .none)
        if id >= attributionByNameID.count {
            attributionByNameID.append(contentsOf: repeatElement(nil, count: id + 1 - attributionByNameID.count))
        }
        attributionByNameID[id] = CachedAttribution(attribution: attribution, generation: generation)
        return attribution
    }

    private func findFamily(of name: String) -> Attribution? {
        if let index = indexByName[name] { return Attribution(family: index, suffix: .none) }
        for suffix in MetricSuffix.allCases where suffix != .none && name.hasSuffix(suffix.rawValue) {
            let stem = String(name.dropLast(suffix.rawValue.count))
            if let index = indexByName[stem], MetricSuffix.allowed(for: families[index].type).contains(suffix) {
                return Attribution(family: index, suffix: suffix)
            }
        }
        return nil
    }

    private mutating func add(_ name: String) -> Int {
        families.append(Family(name: name, type: untypedType))
        indexByName[name] = families.count - 1
        return families.count - 1
    }

    mutating func setHelp(_ help: String, of index: Int) {
        families[index].help = help
    }

    mutating func setUnit(_ unit: String, of index: Int) {
        families[index].unit = unit
    }

    mutating func setType(_ type: MetricType, of index: Int) {
        families[index].type = type
        generation += 1
    }

    mutating func countSample(in index: Int) {
        families[index].sampleCount += 1
    }
}
