import ColophonLedger
import ColophonRecords
import ColophonReports

/// The `--elements` file: every page's elements, by page number.
enum WorkElements {
    struct File: Decodable {
        struct Page: Decodable {
            var number: Int
            var elements: [WorkPredicate.Element]
        }

        var pages: [Page]
    }

    static func apply(_ bytes: [UInt8], from path: String, to work: inout WorkPredicate) throws {
        let file: File
        do {
            file = try JSONParser().parse(bytes).decode(as: File.self)
        } catch {
            throw Failure(Failure.usage, "\(path) is not an elements file: \(error)")
        }
        for page in file.pages {
            guard let index = work.pages.firstIndex(where: { $0.number == page.number }) else {
                throw Failure(
                    Failure.usage,
                    "\(path) has elements for page \(page.number), but the comic has \(work.pages.count) pages"
                )
            }
            work.pages[index].elements = page.elements.isEmpty ? nil : page.elements
        }
    }
}
