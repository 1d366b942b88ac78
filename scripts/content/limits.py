"""Every limit on data files, in one place (the README lists them too).

They keep a careless or hostile file from exhausting the build machine and keep each page usable:
a file past a limit fails the build with a message that names the limit.
"""

# Any YAML data file (decision trees, the source map).
MAX_FILE_BYTES = 100_000
MAX_TEXT_CHARS = 1_000  # one string
MAX_YAML_VALUES = 5_000  # strings, lists and mappings counted together
MAX_YAML_DEPTH = 10  # lists and mappings inside one another

# A Markdown page (the longest today is about 11 KB).
MAX_PAGE_BYTES = 200_000

# One decision tree.
MAX_TREE_NODES = 100  # questions and outcomes
MAX_TREE_DEPTH = 10  # questions on the longest path from the first question
# Pages one tree makes: its start and overview pages, and one page per path to each node (a node
# reached by two paths has two pages, so that each shows its own answers and Back link). Sharing a
# question multiplies the pages below it; past this many, readers and the one-file copy pay for it.
MAX_TREE_PAGES = 200

# How much of a wrong value an error message repeats.
MAX_ECHO_CHARS = 60

# A glossary term found more often than this in the site's pages is too common a word to mark:
# it would link or underline most sentences (the site's most used term, no-contact, is used 117 times).
MAX_GLOSSARY_TERM_USES = 200
