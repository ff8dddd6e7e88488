"""Course catalog editing."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from bot.courses.catalog_edit import CourseEditError, catalog, edit_course
from bot.db.models import Course
from bot.web.admin import bp, signed_in
from bot.web.db import request_session


@bp.get("/courses")
@signed_in()
def courses():
    """The catalog, shown and hidden courses alike."""
    with request_session() as db:
        rows = catalog(db)
    return render_template("admin/courses.html", courses=rows, message=request.args.get("message"))


@bp.route("/courses/<int:course_id>", methods=["GET", "POST"])
@signed_in()
def course(course_id: int):
    """Edit one course; a hidden course leaves the website and the assistant's answers."""
    error = None
    if request.method == "POST":
        try:
            with request_session() as db:
                saved = edit_course(db, course_id, request.form)
                title = saved.title if saved else None
            if title is None:
                return redirect(url_for("admin.courses", message="That course does not exist."))
            return redirect(url_for("admin.courses", message=f"Saved {title}."))
        except CourseEditError as exc:
            error = str(exc)
    with request_session() as db:
        found = db.get(Course, course_id)
        if found is None:
            return redirect(url_for("admin.courses", message="That course does not exist."))
        form = request.form if error else {
            "title": found.title, "url": found.url or "", "description": found.description,
            "hours": "" if found.hours is None else f"{found.hours:g}",
            "active": "yes" if found.active else "",
        }  # fmt: skip
        code = found.code
    return render_template(
        "admin/course.html", form=form, code=code, course_id=course_id, error=error
    ), (400 if error else 200)
