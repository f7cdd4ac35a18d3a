#pragma once

#include <QFont>
#include <QHash>
#include <QModelIndex>

namespace Palomar::Desktop {

// The heights a delegate has measured, so that laying out a long chat again
// (every older page inserted at the top lays out all rows) does not shape
// every message's text again. A height is kept under everything it depends
// on: the message (its cache id and the model's LayoutKeyRole, which covers
// its text, state and neighbours), the view's width and the font; a change in
// any of them is simply another key. Bounded: it starts over past kMaxEntries.
class RowHeightCache
{
public:
    struct Key
    {
        qint64 localId = 0;
        size_t layout = 0;
        int width = 0;
        size_t fontHash = 0;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.localId, key.layout, key.width, key.fontHash);
        }
    };
    static constexpr qsizetype kMaxEntries = 50000;

    size_t fontHash(const QFont &font)
    {
        if (!m_hasFont || font != m_font) {
            m_font = font;
            m_hasFont = true;
            m_fontHash = qHash(font.key());
        }
        return m_fontHash;
    }
    // The height kept under `key`, or -1.
    int find(const Key &key) const { return m_heights.value(key, -1); }
    void insert(const Key &key, int height)
    {
        if (m_heights.size() >= kMaxEntries)
            m_heights.clear();
        m_heights.insert(key, height);
    }

private:
    QHash<Key, int> m_heights;
    QFont m_font;
    bool m_hasFont = false;
    size_t m_fontHash = 0;
};

} // namespace Palomar::Desktop
