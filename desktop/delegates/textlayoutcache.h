#pragma once

#include <QCache>
#include <QFont>
#include <QHash>
#include <QTextLayout>

#include <memory>

namespace Palomar::Desktop {

// The shaped and broken lines of the messages' texts, so that painting a
// bubble (every frame of a scroll) draws glyphs it already has instead of
// shaping its text again. Shaping is the dearest part of a frame, and with a
// colour emoji font Qt 6.4 decodes an emoji's PNG each time it measures it.
// A layout is kept under everything it depends on: the text, the font and
// the width its lines may take; a change in any of them is another key.
// Bounded (least recently used first out): a few screens of bubbles.
class TextLayoutCache
{
public:
    using Text = std::shared_ptr<const QTextLayout>;
    static constexpr qsizetype kMaxEntries = 1500;

    // The laid-out `text` in `font`, its lines at most `lineWidth` wide
    // (wrapped at word boundaries, or anywhere in a word too long for a
    // line), one below the other from (0, 0).
    Text find(const QString &text, const QFont &font, qreal lineWidth)
    {
        if (!m_hasFont || font != m_font) {
            m_font = font;
            m_hasFont = true;
            m_fontKey = font.key();
        }
        const Key key{text, m_fontKey, qRound(lineWidth * 64)};
        if (const Text *found = m_layouts.object(key))
            return *found;
        auto layout = std::make_shared<QTextLayout>(text, font);
        // Keep the glyphs after endLayout(): draw() does not shape again.
        layout->setCacheEnabled(true);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout->setTextOption(option);
        layout->beginLayout();
        qreal y = 0;
        for (QTextLine line = layout->createLine(); line.isValid(); line = layout->createLine()) {
            line.setLineWidth(lineWidth);
            line.setPosition(QPointF(0, y));
            y += line.height();
        }
        layout->endLayout();
        Text shared = std::move(layout);
        m_layouts.insert(key, new Text(shared));
        return shared;
    }

private:
    struct Key
    {
        QString text;
        QString font;
        int width = 0; // in 1/64 px
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.text, key.font, key.width);
        }
    };
    QCache<Key, Text> m_layouts{kMaxEntries};
    QFont m_font;
    bool m_hasFont = false;
    QString m_fontKey;
};

} // namespace Palomar::Desktop
