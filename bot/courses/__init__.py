"""Training programs and their course catalog: import, search and credential pathways."""

from bot.courses.catalog import (
    ImportSummary,
    import_catalog,
    import_shipped_catalog,
    load_programs,
)
from bot.courses.catalog_file import (
    CATALOG_PATH,
    PROGRAMS_PATH,
    CatalogError,
    CatalogResult,
    CourseRecord,
    ProgramInfo,
    read_catalog_csv,
    read_programs,
    shipped_catalog_path,
)
from bot.courses.search import (
    CourseHit,
    CoursePage,
    next_course,
    pathway,
    pathway_starts,
    search_courses,
)

__all__ = [
    "CATALOG_PATH",
    "PROGRAMS_PATH",
    "CatalogError",
    "CatalogResult",
    "CourseHit",
    "CoursePage",
    "CourseRecord",
    "ImportSummary",
    "ProgramInfo",
    "import_catalog",
    "import_shipped_catalog",
    "load_programs",
    "next_course",
    "pathway",
    "pathway_starts",
    "read_catalog_csv",
    "read_programs",
    "search_courses",
    "shipped_catalog_path",
]
