-- 导入的来源：上传的文件名与导入人（控制台显示来源，而不是服务器上的路径）

CREATE TABLE IF NOT EXISTS import_origin (
    import_id BIGINT PRIMARY KEY, source VARCHAR NOT NULL, imported_by VARCHAR NOT NULL);
