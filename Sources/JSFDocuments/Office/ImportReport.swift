import Foundation
import JeSaisFaire

/// What `jsf import` found in a document: its structure and what it could not classify.
public struct ImportReport: Sendable {
    /// How a heading was recognised.
    public enum Source: String, Sendable, Equatable {
        /// A heading style of the document (Titre 1, Heading 2…).
        case style
        /// Its numbering ("Article 4 : Prix", "3.2 Délais", a numbered line in capitals).
        case pattern
        /// Its numbering in a bold paragraph.
        case bold
        /// A weighted line of the award criteria section.
        case criterion
    }

    public struct Heading: Sendable, Equatable {
        /// The number the heading carries or, when it has none, its position ("2.1").
        public var number: String
        public var numbered: Bool
        public var title: String
        public var level: Int
        public var source: Source?
        public var weight: Int?
        public var id: String
    }

    /// The input's format: docx, odt or md.
    public var format: String
    public var headings: [Heading] = []
    public var warnings: [Text] = []
    public var droppedImages = 0
    public var droppedTOCLines = 0

    public var criteria: [Heading] { headings.filter { $0.weight != nil } }
}
