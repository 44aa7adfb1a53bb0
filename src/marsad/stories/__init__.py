"""Which reports tell the same story: duplicates, stories and threads.

``features`` turns an article into terms, entity ids and a MinHash signature;
``dedup`` finds exact and near copies; ``cluster`` groups the rest into stories
online (a batch backfill is the same loop); ``threads`` links stories of one
theme; ``live`` keeps the clusterer's state in the store; ``view`` builds the
story page. See docs/stories.md.
"""

from marsad.stories.cluster import Assignment, Config, StoryClusterer
from marsad.stories.features import Article, Features, article_from_doc, extract

__all__ = [
    "Article",
    "Assignment",
    "Config",
    "Features",
    "StoryClusterer",
    "article_from_doc",
    "extract",
]
