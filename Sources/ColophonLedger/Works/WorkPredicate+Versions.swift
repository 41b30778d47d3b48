public import ColophonRecords

extension WorkPredicate {
    /// Gives each page without elements the elements `previous` gives the page with the same
    /// image, else the page with the same number: a new version of a work keeps its layout when
    /// only some pages changed. Returns the numbers of the pages whose image changed and that
    /// took the elements of the previous page with their number: those need a person's check.
    @discardableResult
    public mutating func carryElements(from previous: WorkPredicate) -> [Int] {
        var byNumber: [Int] = []
        for index in pages.indices where (pages[index].elements ?? []).isEmpty {
            let page = pages[index]
            if let same = previous.pages.first(where: { $0.sha256 == page.sha256 }), let elements = same.elements {
                pages[index].elements = elements
            } else if let elements = previous.pages.first(where: { $0.number == page.number })?.elements {
                pages[index].elements = elements
                byNumber.append(page.number)
            }
        }
        return byNumber
    }
}
