import Foundation
import JeSaisFaire

/// An inline SVG bar chart: proposals per clause, stacked by cost direction. Each direction has its own fill
/// pattern (solid, stripes, dots, blank) and every segment is labelled with its count, so the chart reads in
/// black and white; its <title> and <desc> give the figures as text.
enum ReportChart {
    static let width = 760
    static let labelWidth = 300
    static let rowHeight = 28
    static let top = 48

    static func svg(_ clauses: [ClauseTotals], w: ReportWords) -> String {
        let e = HTMLReport.escape
        let rows = clauses.count
        let height = top + rows * rowHeight + 12
        let maximum = max(1, clauses.map(\.proposals).max() ?? 1)
        let barSpace = Double(width - labelWidth - 50)
        let unit = barSpace / Double(maximum)
        let description = clauses.map(w.chartSummary).joined(separator: " ; ")
        var s = "<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
        s +=
            "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n"
        s += "<title id=\"chart-title\">\(e(w.chartTitle))</title>\n"
        s += "<desc id=\"chart-desc\">\(e(description))</desc>\n"
        s += """
            <defs>
            <pattern id="fill-down" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#d6e6f5"/><rect width="3" height="6" fill="#1f5a96"/></pattern>
            <pattern id="fill-neutral" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#eeeeee"/><circle cx="3" cy="3" r="1.6" fill="#444444"/></pattern>
            </defs>\n
            """
        // Legend.
        var x = labelWidth
        for cost in CostImpact.allCases {
            s += "<rect x=\"\(x)\" y=\"10\" width=\"16\" height=\"16\" \(fill(cost)) stroke=\"#000\" stroke-width=\"1\"\(dash(cost))/>"
            let label = e(w.costShort(cost))
            s += "<text x=\"\(x + 22)\" y=\"23\">\(label)</text>\n"
            x += 26 + w.costShort(cost).count * 8 + 16
        }
        for (i, clause) in clauses.enumerated() {
            let y = top + i * rowHeight
            var name = w.clauseName(number: clause.number, title: clause.title)
            if name.count > 42 { name = String(name.prefix(41)) + "…" }
            s += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(e(name))</text>\n"
            var cursor = Double(labelWidth)
            for cost in CostImpact.allCases {
                let n = clause.costs.count(cost)
                guard n > 0 else { continue }
                let length = unit * Double(n)
                s +=
                    "<rect x=\(q(cursor)) y=\"\(y + 3)\" width=\(q(length)) height=\"\(rowHeight - 8)\" \(fill(cost)) stroke=\"#000\" stroke-width=\"1\"\(dash(cost))/>"
                s +=
                    "<text x=\(q(cursor + length / 2)) y=\"\(y + 18)\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(n)</text>\n"
                cursor += length
            }
            s += "<text x=\(q(cursor + 6)) y=\"\(y + 18)\">\(clause.proposals)</text>\n"
        }
        s +=
            "<line x1=\"\(labelWidth)\" y1=\"\(top - 4)\" x2=\"\(labelWidth)\" y2=\"\(top + rows * rowHeight)\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        s += "</svg>"
        return s
    }

    static func q(_ value: Double) -> String { "\"\(String(format: "%.1f", value))\"" }

    static func fill(_ cost: CostImpact) -> String {
        switch cost {
        case .up: return "fill=\"#7f1d1d\""
        case .down: return "fill=\"url(#fill-down)\""
        case .neutral: return "fill=\"url(#fill-neutral)\""
        case .unknown: return "fill=\"#ffffff\""
        }
    }

    static func dash(_ cost: CostImpact) -> String { cost == .unknown ? " stroke-dasharray=\"4 2\"" : "" }
}
