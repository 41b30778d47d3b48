public import ColophonRecords

extension WorkPredicate {
    /// Gives each page without elements the elements `previous` gives the page with the same
    /// image, else the page with the same number: a new version of a work keeps its layout when
    /// only some pages changed. Returns how many pages took elements.
    @discardableResult
    public mutating func carryElements(from previous: WorkPredicate) -> Int {
        var carried = 0
        for index in pages.indices where (pages[index].elements ?? []).isEmpty {
            let page = pages[index]
            let source =
                previous.pages.first { $0.sha256 == page.sha256 }
                ?? previous.pages.first { $0.number == page.number }
            guard let elements = source?.elements, !elements.isEmpty else { continue }
            pages[index].elements = elements
            carried += 1
        }
        return carried
    }
}
