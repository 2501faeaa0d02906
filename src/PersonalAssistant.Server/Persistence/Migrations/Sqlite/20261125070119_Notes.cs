using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PersonalAssistant.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: false),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    Pinned = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoteLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromNoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteLinks_Notes_FromNoteId",
                        column: x => x.FromNoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NoteLinks_FromNoteId",
                table: "NoteLinks",
                column: "FromNoteId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteLinks_UserId_TargetKey",
                table: "NoteLinks",
                columns: new[] { "UserId", "TargetKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Notes_UserId_Pinned_UpdatedAt",
                table: "Notes",
                columns: new[] { "UserId", "Pinned", "UpdatedAt" });

            // Full-text search (FTS5): one row per note, kept in step with "Notes" by triggers; accents folded.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "NotesFts" USING fts5(
                    "NoteId" UNINDEXED, "UserId" UNINDEXED, "Title", "Body", tokenize = 'unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_insert" AFTER INSERT ON "Notes" BEGIN
                    INSERT INTO "NotesFts" ("NoteId", "UserId", "Title", "Body") VALUES (new."Id", new."UserId", new."Title", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_update" AFTER UPDATE OF "Title", "Body" ON "Notes" BEGIN
                    UPDATE "NotesFts" SET "Title" = new."Title", "Body" = new."Body" WHERE "NoteId" = old."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Notes_fts_delete" AFTER DELETE ON "Notes" BEGIN
                    DELETE FROM "NotesFts" WHERE "NoteId" = old."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Notes_fts_insert"; DROP TRIGGER IF EXISTS "Notes_fts_update"; DROP TRIGGER IF EXISTS "Notes_fts_delete"; DROP TABLE IF EXISTS "NotesFts";""");

            migrationBuilder.DropTable(
                name: "NoteLinks");

            migrationBuilder.DropTable(
                name: "Notes");
        }
    }
}
